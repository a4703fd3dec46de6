import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LastUsedTracker } from '../../src/auth/last-used-tracker.service';
import { dumpDatabase } from '../support/database-dump';
import { example } from '../support/fixtures';
import { postExecute } from '../support/http';
import { call, startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';
import { apiFetch } from '../support/contract';

type Setup = { label: string; env: () => Record<string, string>; cleanup?: () => void };

const dataDir = mkdtempSync(join(tmpdir(), 'wasmwiz-embedded-'));
const setups: Setup[] = [
  { label: 'PostgreSQL', env: () => ({}) },
  { label: 'the embedded default (PGlite)', env: () => ({ DATABASE_URL: '', DATA_DIR: dataDir }), cleanup: () => rmSync(dataDir, { recursive: true, force: true }) },
];

describe.each(setups)('accounts, keys and tiers on $label', (setup) => {
  let service: TestApp;
  const get = (path: string, credential?: string) => call(service.url, 'GET', path, credential);

  beforeAll(async () => {
    service = await startTestApp(setup.env());
  }, 180_000);
  afterAll(async () => {
    await service.close();
    setup.cleanup?.();
  });

  it('a fresh key works for /me and for executions', async () => {
    const { key, accountId } = await service.createKey('pro');
    const me = await get('/api/v1/me', key);
    expect(me.status).toBe(200);
    expect(me.body.account).toMatchObject({ id: accountId, tier: 'pro', status: 'active' });
    expect(me.body.key.prefix).toBe(key.slice(0, me.body.key.prefix.length));
    expect(me.body.limits.timeoutMs).toBeLessThanOrEqual(service.config.ceilings.timeoutMs);
    const viaHeader = await apiFetch(`${service.url}/api/v1/me`, { headers: { 'x-api-key': key } });
    expect(viaHeader.status).toBe(200);
    const run = await postExecute(service.url, key, { wasm: example('hello') });
    expect(run.body.status).toBe('success');
  });

  it.each([
    ['no credential', undefined],
    ['a garbage key', 'not-a-key'],
    ['a key with a wrong checksum', 'ww_live_0000000000000000000000AAAAAA'],
    ['a mistyped admin token', `${TEST_ADMIN_TOKEN}x`],
  ])('answers %s with 401', async (_label, credential) => {
    const response = await call(service.url, 'POST', '/api/v1/admin/accounts', credential, { name: 'x', tier: 'free' });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.code).toBe('unauthorized');
  });

  it('lists tiers without a key, with effective limits under the ceilings', async () => {
    const tiers = await get('/api/v1/tiers');
    expect(tiers.status).toBe(200);
    expect(tiers.body.map((tier: { name: string }) => tier.name)).toEqual(['free', 'basic', 'pro', 'enterprise']);
    const enterprise = tiers.body.find((tier: { name: string }) => tier.name === 'enterprise');
    expect(enterprise.effective.memoryLimitBytes).toBe(Math.min(enterprise.configured.memoryLimitBytes, service.config.ceilings.memoryLimitBytes));
  });

  it('keeps a free key out of everything that is not its own, and changes nothing', async () => {
    const free = await service.createKey('free');
    const other = await service.createKey('basic');
    const attempts = [
      call(service.url, 'POST', '/api/v1/admin/accounts', free.key, { name: 'mine', tier: 'enterprise' }),
      call(service.url, 'PATCH', `/api/v1/admin/accounts/${free.accountId}`, free.key, { tier: 'enterprise' }),
      call(service.url, 'PATCH', '/api/v1/admin/tiers/free', free.key, { requestsPerMinute: 100000 }),
      call(service.url, 'DELETE', `/api/v1/keys/${other.id}`, free.key),
      call(service.url, 'POST', `/api/v1/keys/${other.id}/rotate`, free.key, {}),
      call(service.url, 'GET', `/api/v1/admin/keys?accountId=${other.accountId}`, free.key),
    ];
    const statuses = (await Promise.all(attempts)).map((response) => response.status);
    expect(statuses).toEqual([403, 403, 403, 404, 404, 403]);
    expect((await get('/api/v1/me', free.key)).body.account.tier).toBe('free');
    expect((await get('/api/v1/me', other.key)).status).toBe(200);
    const freeTier = (await get('/api/v1/tiers')).body.find((tier: { name: string }) => tier.name === 'free');
    expect(freeTier.requestsPerMinute).toBe(10);
  });

  it('rotation with no grace kills the old key at once; with grace it keeps working', async () => {
    const { key, id } = await service.createKey('basic');
    const rotated = await call(service.url, 'POST', `/api/v1/keys/${id}/rotate`, key, {});
    expect(rotated.status).toBe(201);
    expect(rotated.body.key).not.toBe(key);
    expect((await get('/api/v1/me', key)).status).toBe(401);
    expect((await get('/api/v1/me', rotated.body.key)).status).toBe(200);

    const graced = await call(service.url, 'POST', `/api/v1/keys/${rotated.body.id}/rotate`, rotated.body.key, { graceSeconds: 3600 });
    expect(graced.status).toBe(201);
    expect((await get('/api/v1/me', rotated.body.key)).status).toBe(200);
    expect((await get('/api/v1/me', graced.body.key)).status).toBe(200);
  });

  it('a revoked key gets 401, and a key can revoke itself', async () => {
    const { key, id } = await service.createKey('basic');
    expect((await call(service.url, 'DELETE', `/api/v1/keys/${id}`, key)).status).toBe(200);
    const after = await get('/api/v1/me', key);
    expect(after.status).toBe(401);
  });

  it('an admin expires a key and changes an account tier, effective at once', async () => {
    const { key, id, accountId } = await service.createKey('free');
    expect((await service.admin('PATCH', `/api/v1/admin/accounts/${accountId}`, { tier: 'pro' })).status).toBe(200);
    expect((await get('/api/v1/me', key)).body.account.tier).toBe('pro');
    expect((await service.admin('PATCH', `/api/v1/admin/keys/${id}`, { expiresAt: new Date().toISOString() })).status).toBe(200);
    expect((await get('/api/v1/me', key)).status).toBe(401);
  });

  it('refuses bad admin input with a 400 naming the field', async () => {
    const badTier = await service.admin('POST', '/api/v1/admin/accounts', { name: 'x', tier: 'platinum' });
    expect(badTier.status).toBe(400);
    expect(badTier.body).toMatchObject({ code: 'unknown_tier', field: 'tier' });
    const missingName = await service.admin('POST', '/api/v1/admin/accounts', { tier: 'free' });
    expect(missingName.status).toBe(400);
    expect(missingName.body.detail).toContain('name');
    const unknownField = await service.admin('POST', '/api/v1/admin/accounts', { name: 'x', tier: 'free', admin: true });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.detail).toContain('admin');
    const badScope = await service.admin('POST', `/api/v1/admin/accounts/${(await service.createKey()).accountId}/keys`, { scopes: ['root'] });
    expect(badScope.status).toBe(400);
    expect((await service.admin('GET', '/api/v1/admin/accounts/not-a-uuid')).status).toBe(404);
  });

  it('an admin edits a tier and the change takes effect on the next request', async () => {
    const { key } = await service.createKey('basic');
    const edited = await service.admin('PATCH', '/api/v1/admin/tiers/basic', { timeoutMs: 1234 });
    expect(edited.status).toBe(200);
    expect(edited.body.configured.timeoutMs).toBe(1234);
    expect((await get('/api/v1/me', key)).body.limits.timeoutMs).toBe(Math.min(1234, service.config.ceilings.timeoutMs));
  });

  /** Follows `nextCursor` from the first page of `path` until the last, `limit` items a page. */
  async function everyPage(path: string, limit: number, credential = TEST_ADMIN_TOKEN): Promise<Record<string, string>[][]> {
    const pages: Record<string, string>[][] = [];
    let cursor: string | null = null;
    do {
      const page = await get(`${path}${path.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, credential);
      expect(page.status).toBe(200);
      expect(Object.keys(page.body).sort()).toEqual(['items', 'nextCursor']);
      pages.push(page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor && pages.length < 100);
    return pages;
  }

  it('pages every list with ?limit&cursor answering { items, nextCursor }, newest first, each item once', async () => {
    const { key, id, accountId } = await service.createKey('basic');
    const others = [];
    for (let i = 0; i < 4; i++) others.push((await service.admin('POST', `/api/v1/admin/accounts/${accountId}/keys`, {})).body.id);
    const newestFirst = [...others.reverse(), id];
    for (const [path, credential] of [[`/api/v1/admin/keys?accountId=${accountId}`, TEST_ADMIN_TOKEN], ['/api/v1/keys', key]]) {
      const pages = await everyPage(path, 2, credential);
      expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
      expect(pages.flat().map((item) => item.id)).toEqual(newestFirst);
    }
    const audit = (await everyPage(`/api/v1/admin/audit?action=key.create`, 3)).flat();
    expect(new Set(audit.map((entry) => entry.id)).size).toBe(audit.length);
    expect(audit.map((entry) => BigInt(entry.id))).toEqual(audit.map((entry) => BigInt(entry.id)).sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    expect(audit.map((entry) => entry.targetId)).toEqual(expect.arrayContaining(others));
    const accounts = (await everyPage('/api/v1/admin/accounts', 2)).flat();
    expect(new Set(accounts.map((account) => account.id)).size).toBe(accounts.length);
    expect(accounts.map((account) => account.id)).toContain(accountId);
    const times = accounts.map((account) => Date.parse(account.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('records each admin action in the audit log', async () => {
    const { key, id, accountId } = await service.createKey('basic');
    expect((await service.admin('PATCH', `/api/v1/admin/accounts/${accountId}`, { name: 'audited' })).status).toBe(200);
    expect((await service.admin('PATCH', `/api/v1/admin/keys/${id}`, { expiresAt: new Date(Date.now() + 3_600_000).toISOString() })).status).toBe(200);
    const rotated = await call(service.url, 'POST', `/api/v1/keys/${id}/rotate`, key, {});
    expect((await call(service.url, 'DELETE', `/api/v1/keys/${rotated.body.id}`, rotated.body.key)).status).toBe(200);
    const basic = (await get('/api/v1/tiers')).body.find((tier: { name: string }) => tier.name === 'basic');
    expect((await service.admin('PATCH', '/api/v1/admin/tiers/basic', { timeoutMs: basic.configured.timeoutMs })).status).toBe(200);

    const audit = await service.admin('GET', '/api/v1/admin/audit?limit=500');
    expect(audit.status).toBe(200);
    const targets = [accountId, id, rotated.body.id, 'basic'];
    const mine = audit.body.items.filter((entry: { targetId: string }) => targets.includes(entry.targetId));
    const actions = new Set(mine.map((entry: { action: string }) => entry.action));
    for (const action of ['account.create', 'account.update', 'key.create', 'key.rotate', 'key.revoke', 'key.update', 'tier.update']) {
      expect(actions).toContain(action);
    }
    expect(mine[0]).toHaveProperty('actor');
    expect(mine[0]).toHaveProperty('createdAt');
  });

  it('records when a key was last used, without a write per request', async () => {
    const { key, id } = await service.createKey('basic');
    for (let i = 0; i < 3; i++) await get('/api/v1/me', key);
    const before = (await get('/api/v1/keys', key)).body.items.find((k: { id: string }) => k.id === id);
    expect(before.lastUsedAt).toBeNull();
    await service.app.get(LastUsedTracker).flush();
    const after = (await get('/api/v1/keys', key)).body.items.find((k: { id: string }) => k.id === id);
    expect(Date.now() - new Date(after.lastUsedAt).getTime()).toBeLessThan(60_000);
  });

  it('stores no key in plain text', async () => {
    const { key } = await service.createKey('basic');
    // Used once, and what is written behind the answers (its last use) written now.
    expect((await get('/api/v1/me', key)).status).toBe(200);
    await service.app.get(LastUsedTracker).flush();
    const dump = await dumpDatabase(service.databaseUrl);
    expect(dump).toContain('api_keys');
    expect(dump).not.toContain(key);
    expect(dump).not.toContain(key.slice(8));
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  let service: TestApp;
  beforeAll(async () => {
    service = await startTestApp({ METRICS_TOKEN: 'scrape-token-0123456789' });
  });
  afterAll(() => service.close());

  it('answers only a scraper that sends the token; health stays open', async () => {
    const scrape = (authorization?: string) => apiFetch(`${service.url}/metrics`, { headers: authorization ? { authorization } : {} });
    const anonymous = await scrape();
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(await anonymous.json()).toMatchObject({ code: 'unauthorized', detail: 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>' });
    expect(await (await scrape('Bearer wrong')).json()).toMatchObject({ code: 'unauthorized', detail: 'The bearer token is not METRICS_TOKEN' });
    const allowed = await scrape('Bearer scrape-token-0123456789');
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('wasmwiz_pool_queue_length');
    expect((await apiFetch(`${service.url}/health/live`)).status).toBe(200);
  });
});

describe('a request with a large body', () => {
  let service: TestApp;
  beforeAll(async () => {
    service = await startTestApp();
  });
  afterAll(() => service.close());

  /** The answer to headers declaring `length` bytes of JSON body, of which none is sent. */
  const answerBeforeBody = (headers: string, length: number) =>
    new Promise<string>((resolve) => {
      const { hostname, port } = new URL(service.url);
      const socket = connect(Number(port), hostname, () => {
        socket.write(`POST /api/v1/admin/accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n${headers}\r\n`);
      });
      socket.once('data', (chunk) => (socket.destroy(), resolve(String(chunk))));
    });

  it('is refused for its credential before a byte of it is read; with a valid one it is read and answered', async () => {
    const anonymous = await answerBeforeBody('', 10_000_000);
    expect(anonymous).toMatch(/^HTTP\/1\.1 401 /);
    expect(anonymous).toContain('"code":"unauthorized"');
    expect(await answerBeforeBody('Authorization: Bearer ww_live_not_a_key\r\n', 10_000_000)).toMatch(/^HTTP\/1\.1 401 /);
    const { key } = await service.createKey('pro');
    const name = 'x'.repeat(100);
    const wide = JSON.stringify({ name, tier: 'pro', padding: ' '.repeat(100_000) });
    const customer = await call(service.url, 'POST', '/api/v1/admin/accounts', key, JSON.parse(wide));
    expect(customer.status).toBe(403);
    const admin = await call(service.url, 'POST', '/api/v1/admin/accounts', TEST_ADMIN_TOKEN, { name, tier: 'pro', email: `${'a'.repeat(70_000)}@x.io` });
    expect(admin.status).toBe(400);
  });

  it('leaves a GET sent chunked to its route: a public one answers, and no failed authentication is counted', async () => {
    const chunkedGet = (path: string) =>
      new Promise<string>((resolve) => {
        const { hostname, port } = new URL(service.url);
        const socket = connect(Number(port), hostname, () => socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n`));
        let received = '';
        socket.on('data', (chunk) => (received += chunk));
        socket.on('close', () => resolve(received));
      });
    // More than the address's budget of failed authentications a minute (30): before, each was a 401 and counted.
    for (let i = 0; i < 35; i++) expect(await chunkedGet('/health/live')).toMatch(/^HTTP\/1\.1 200 /);
    expect(await chunkedGet('/api/v1/tiers')).toMatch(/^HTTP\/1\.1 200 /);
  });
});


import { call, startTestApp, TestApp } from '../support/test-app';

interface Key {
  key: string;
  id: string;
}

interface KeyRow {
  id: string;
  status: string;
  scopes: string[];
  expiresAt: string | null;
  replacedBy: string | null;
}

const DAY_MS = 86_400_000;

describe('who may rotate, revoke and expire which key', () => {
  let service: TestApp;
  const as = (key: Key | string, method: string, path: string, body?: unknown) =>
    call(service.url, method, path, typeof key === 'string' ? key : key.key, body);
  const rotate = (caller: Key | string, target: Key, body: unknown = {}) => as(caller, 'POST', `/api/v1/keys/${target.id}/rotate`, body);
  const revoke = (caller: Key | string, target: Key) => as(caller, 'DELETE', `/api/v1/keys/${target.id}`);

  /** One account holding a key per entry of `scopes`, made by the admin. */
  async function account(...scopes: string[][]): Promise<{ accountId: string; keys: Key[] }> {
    const created = await service.admin('POST', '/api/v1/admin/accounts', { name: 'key rules', tier: 'pro' });
    const keys: Key[] = [];
    for (const wanted of scopes) {
      const key = await service.admin('POST', `/api/v1/admin/accounts/${created.body.id}/keys`, { scopes: wanted });
      if (key.status !== 201) throw new Error(`could not create a key: ${JSON.stringify(key.body)}`);
      keys.push({ key: key.body.key, id: key.body.id });
    }
    return { accountId: created.body.id, keys };
  }

  async function row(accountId: string, id: string): Promise<KeyRow> {
    const keys = await service.admin('GET', `/api/v1/admin/keys?accountId=${accountId}`);
    return keys.body.items.find((key: KeyRow) => key.id === id);
  }

  async function auditOf(targetId: string): Promise<{ action: string; actor: string; details: Record<string, unknown> }[]> {
    return (await service.admin('GET', `/api/v1/admin/audit?targetId=${targetId}`)).body.items;
  }

  beforeAll(async () => {
    service = await startTestApp();
  }, 180_000);
  afterAll(() => service.close());

  it('an execute-only key cannot rotate its account admin key into an admin key of its own', async () => {
    const { accountId, keys: [admin, executeOnly] } = await account(['admin'], ['execute']);
    const attempt = await rotate(executeOnly, admin, { graceSeconds: 3600 });
    expect(attempt.status).toBe(403);
    expect(attempt.body).toMatchObject({ code: 'forbidden', requiredScope: 'keys' });
    expect(attempt.body).not.toHaveProperty('key');
    expect((await as(executeOnly, 'GET', '/api/v1/admin/accounts')).status).toBe(403);
    expect((await as(executeOnly, 'PATCH', '/api/v1/admin/tiers/free', { requestsPerMinute: 100000 })).status).toBe(403);
    expect(await row(accountId, admin.id)).toMatchObject({ status: 'active', replacedBy: null, expiresAt: null });
    expect((await as(admin, 'GET', '/api/v1/admin/accounts')).status).toBe(200);
    expect(await auditOf(admin.id)).toContainEqual(
      expect.objectContaining({ action: 'key.rotate.refused', actor: `key:${executeOnly.id}`, details: expect.objectContaining({ code: 'forbidden' }) }),
    );
  });

  it('a key revokes itself, but a sibling only with the keys scope', async () => {
    const { accountId, keys: [first, second] } = await account(['execute'], ['execute', 'modules']);
    const refused = await revoke(first, second);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'forbidden', requiredScope: 'keys' });
    expect((await as(second, 'GET', '/api/v1/me')).status).toBe(200);
    expect(await auditOf(second.id)).toContainEqual(expect.objectContaining({ action: 'key.revoke.refused', actor: `key:${first.id}` }));
    expect((await revoke(first, first)).status).toBe(200);
    expect((await row(accountId, first.id)).status).toBe('revoked');
  });

  it('the keys scope manages sibling keys, but never one holding a scope the caller lacks', async () => {
    const { accountId, keys: [manager, executeOnly, admin] } = await account(['keys', 'execute'], ['execute'], ['admin', 'execute']);
    const rotated = await rotate(manager, executeOnly);
    expect(rotated.status).toBe(201);
    expect(rotated.body.scopes).toEqual(['execute']);

    for (const attempt of [rotate(manager, admin, { graceSeconds: 60 }), revoke(manager, admin)]) {
      const refused = await attempt;
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'scope_not_held', missingScopes: ['admin'] });
    }
    expect(await row(accountId, admin.id)).toMatchObject({ status: 'active', replacedBy: null });
    const refusals = (await auditOf(admin.id)).map((entry) => entry.action);
    expect(refusals).toEqual(expect.arrayContaining(['key.rotate.refused', 'key.revoke.refused']));
  });

  it('a key of another account does not exist for the caller, and the attempt is audited', async () => {
    const { keys: [manager] } = await account(['keys', 'execute']);
    const { keys: [stranger] } = await account(['execute']);
    expect((await rotate(manager, stranger)).status).toBe(404);
    expect((await revoke(manager, stranger)).status).toBe(404);
    const refusals = (await auditOf(stranger.id)).map((entry) => entry.action);
    expect(refusals).toEqual(expect.arrayContaining(['key.rotate.refused', 'key.revoke.refused']));
  });

  it('a revoked key cannot be rotated back to life, not even by an admin', async () => {
    const { accountId, keys: [key] } = await account(['execute']);
    expect((await revoke(key, key)).status).toBe(200);
    const attempt = await rotate(service.config.adminToken!, key);
    expect(attempt.status).toBe(409);
    expect(attempt.body).toMatchObject({ code: 'key_retired', keyState: 'revoked' });
    expect(attempt.body.detail).toContain(key.id);
    expect(await row(accountId, key.id)).toMatchObject({ status: 'revoked', replacedBy: null });
    expect((await service.admin('GET', `/api/v1/admin/keys?accountId=${accountId}`)).body.items).toHaveLength(1);
    expect(await auditOf(key.id)).toContainEqual(
      expect.objectContaining({ action: 'key.rotate.refused', actor: 'admin-token', details: expect.objectContaining({ code: 'key_retired' }) }),
    );
  });

  it('an expired key cannot be rotated', async () => {
    const { keys: [key] } = await account(['execute']);
    expect((await service.admin('PATCH', `/api/v1/admin/keys/${key.id}`, { expiresAt: new Date().toISOString() })).status).toBe(200);
    const attempt = await rotate(service.config.adminToken!, key);
    expect(attempt.status).toBe(409);
    expect(attempt.body).toMatchObject({ code: 'key_retired', keyState: 'expired' });
  });

  it('a key rotated with no grace (so revoked at once) is refused as replaced, naming its successor', async () => {
    const { keys: [key] } = await account(['execute']);
    const first = await rotate(key, key, { graceSeconds: 0 });
    expect(first.status).toBe(201);
    const second = await rotate(service.config.adminToken!, key, { graceSeconds: 0 });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'key_retired', keyState: 'replaced', replacedBy: first.body.id });
  });

  it('a key is rotated once: a second rotation is refused and keeps the first successor', async () => {
    const { accountId, keys: [key] } = await account(['execute']);
    const first = await rotate(key, key, { graceSeconds: 3600 });
    expect(first.status).toBe(201);
    expect(first.body.expiresAt).toBeNull();
    const second = await rotate(key, key, { graceSeconds: 60 });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'key_retired', keyState: 'replaced', replacedBy: first.body.id });
    const old = await row(accountId, key.id);
    expect(old.replacedBy).toBe(first.body.id);
    expect(new Date(old.expiresAt!).getTime()).toBeGreaterThan(Date.now() + 3000_000);
    expect(await row(accountId, first.body.id)).toMatchObject({ status: 'active', expiresAt: null });
    expect((await as(first.body.key, 'GET', '/api/v1/me')).status).toBe(200);
  });

  it('a key replaced but in its grace still runs, but manages no key, webhook secret or account: its successor does', async () => {
    const { keys: [leaked, other] } = await account(['execute', 'modules', 'keys'], ['execute']);
    const successor = await rotate(leaked, leaked, { graceSeconds: 600 });
    expect(successor.status).toBe(201);
    const refusedAs = { status: 409, body: expect.objectContaining({ code: 'key_retired', keyState: 'replaced', replacedBy: successor.body.id }) };
    // Before: the old key rotated its successor away (the holder of a leaked key kept the account) and could revoke it.
    expect(await rotate(leaked, successor.body, { graceSeconds: 0 })).toMatchObject(refusedAs);
    expect(await revoke(leaked, successor.body)).toMatchObject(refusedAs);
    expect(await revoke(leaked, other)).toMatchObject(refusedAs);
    expect(await as(leaked, 'POST', '/api/v1/webhooks/secret/rotate', {})).toMatchObject(refusedAs);
    // Nor read the secret callbacks are signed with: it could sign them itself after both were rotated.
    expect(await as(leaked, 'GET', '/api/v1/webhooks/secret')).toMatchObject(refusedAs);
    expect((await as(successor.body.key, 'GET', '/api/v1/webhooks/secret')).status).toBe(200);
    expect((await as(leaked, 'GET', '/api/v1/me')).status).toBe(200);
    expect((await as(successor.body.key, 'GET', '/api/v1/me')).status).toBe(200);
    // It may still end itself sooner.
    expect((await revoke(leaked, leaked)).status).toBe(200);
    expect((await as(successor.body.key, 'POST', '/api/v1/webhooks/secret/rotate', {})).status).toBe(200);
  });

  it('two rotations of one key at the same time give one successor', async () => {
    const { accountId, keys: [key] } = await account(['execute']);
    const answers = await Promise.all([rotate(key, key, { graceSeconds: 600 }), rotate(key, key, { graceSeconds: 600 })]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    expect((await service.admin('GET', `/api/v1/admin/keys?accountId=${accountId}`)).body.items).toHaveLength(2);
  });

  it("a successor's expiry is the predecessor's own, never its grace end", async () => {
    const { accountId, keys: [key] } = await account(['execute']);
    const ends = new Date(Date.now() + 10 * DAY_MS).toISOString();
    expect((await service.admin('PATCH', `/api/v1/admin/keys/${key.id}`, { expiresAt: ends })).status).toBe(200);
    const rotated = await rotate(key, key, { graceSeconds: 60 });
    expect(rotated.status).toBe(201);
    expect(rotated.body.expiresAt).toBe(ends);
    expect(new Date((await row(accountId, key.id)).expiresAt!).getTime()).toBeLessThan(Date.now() + 120_000);
  });

  it('an admin cannot bring a retired key back by moving its expiry later', async () => {
    const { accountId, keys: [expired, replaced] } = await account(['execute'], ['execute']);
    const later = new Date(Date.now() + DAY_MS).toISOString();
    expect((await service.admin('PATCH', `/api/v1/admin/keys/${expired.id}`, { expiresAt: new Date().toISOString() })).status).toBe(200);
    expect((await rotate(replaced, replaced, { graceSeconds: 60 })).status).toBe(201);
    for (const [key, keyState] of [[expired, 'expired'], [replaced, 'replaced']] as const) {
      for (const expiresAt of [later, null]) {
        const attempt = await service.admin('PATCH', `/api/v1/admin/keys/${key.id}`, { expiresAt });
        expect(attempt.status).toBe(409);
        expect(attempt.body).toMatchObject({ code: 'key_retired', keyState });
      }
    }
    expect((await as(expired, 'GET', '/api/v1/me')).status).toBe(401);
    expect(await auditOf(expired.id)).toContainEqual(expect.objectContaining({ action: 'key.update.refused', actor: 'admin-token' }));
    // Ending the grace period early is still allowed.
    const now = await service.admin('PATCH', `/api/v1/admin/keys/${replaced.id}`, { expiresAt: new Date().toISOString() });
    expect(now.status).toBe(200);
    expect((await as(replaced, 'GET', '/api/v1/me')).status).toBe(401);
    expect((await row(accountId, replaced.id)).status).toBe('expired');
  });

  it.each([1e13, 1e300, 30 * 86_400 + 1, -1, 1.5])('refuses graceSeconds %d with a 400 naming the field and its range', async (graceSeconds) => {
    const { accountId, keys: [key] } = await account(['execute']);
    const attempt = await rotate(key, key, { graceSeconds });
    expect(attempt.status).toBe(400);
    expect(attempt.body.code).toBe('validation_failed');
    expect(attempt.body.detail).toContain('graceSeconds');
    expect(attempt.body.detail).toContain('2592000');
    expect(await row(accountId, key.id)).toMatchObject({ status: 'active', replacedBy: null });
  });

  it.each(['-271821-04-20T00:00:00Z', '+275760-09-13T00:00:00Z', 'soon'])('refuses the expiry %s with a 400 naming the field and its range', async (expiresAt) => {
    const { accountId, keys: [key] } = await account(['execute']);
    for (const attempt of [
      service.admin('PATCH', `/api/v1/admin/keys/${key.id}`, { expiresAt }),
      service.admin('POST', `/api/v1/admin/accounts/${accountId}/keys`, { expiresAt }),
    ]) {
      const refused = await attempt;
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'expiresAt' }] });
      expect(refused.body.detail).toContain('9999-12-31T23:59:59');
    }
    expect(await row(accountId, key.id)).toMatchObject({ status: 'active', expiresAt: null });
  });

  it('accepts the longest grace period, 30 days', async () => {
    const { keys: [key] } = await account(['execute']);
    expect((await rotate(key, key, { graceSeconds: 30 * 86_400 })).status).toBe(201);
  });
});

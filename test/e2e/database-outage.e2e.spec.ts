import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { UsageRecorder } from '../../src/usage/usage-recorder.service';
import { example } from '../support/fixtures';
import { postExecute, uploadModule } from '../support/http';
import { ProxiedTestApp, startTestAppBehindProxy } from '../support/proxied-test-app';
import { call, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';
import { executionIds } from '../support/test-database';
import { until } from '../support/until';

/** Past the TTL of every cache the service keeps (keys: 30 s at most; module rows: 5 s). */
const PAST_EVERY_TTL_MS = 10 * 60_000;

type Answer = { status: number; headers: Headers; body: any };

/** Routes that cannot answer without the database: [method, path, body, by an admin]. */
function databaseRoutes(moduleId: string): [string, string, unknown, boolean][] {
  return [
    ['GET', '/api/v1/executions', undefined, false],
    ['GET', `/api/v1/executions/${randomUUID()}`, undefined, false],
    ['GET', '/api/v1/usage', undefined, false],
    ['GET', '/api/v1/modules', undefined, false],
    ['GET', `/api/v1/modules/${moduleId}`, undefined, false],
    ['DELETE', `/api/v1/modules/${moduleId}`, undefined, false],
    ['GET', '/api/v1/keys', undefined, false],
    ['GET', '/api/v1/tiers', undefined, false],
    ['GET', '/api/v1/admin/accounts', undefined, true],
    ['POST', '/api/v1/admin/accounts', { name: 'during the outage', tier: 'free' }, true],
    ['GET', '/api/v1/admin/keys', undefined, true],
    ['GET', '/api/v1/admin/usage', undefined, true],
    ['GET', '/api/v1/admin/audit', undefined, true],
    ['PATCH', '/api/v1/admin/tiers/free', { requestsPerMinute: 5 }, true],
  ];
}

function unavailability(what: string, answer: Answer) {
  const { status, headers, body } = answer;
  return { what, status, code: body?.code, retryAfter: headers.get('retry-after'), type: headers.get('content-type') };
}

const DATABASE_UNAVAILABLE = { status: 503, code: 'database_unavailable', retryAfter: '5', type: 'application/problem+json; charset=utf-8' };

/** What another instance does when it deletes a module: this one hears nothing of it without Redis. */
async function deleteElsewhere(databaseUrl: string, moduleId: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('DELETE FROM modules WHERE id = $1', [moduleId]);
  } finally {
    await client.end();
  }
}

describe('answers while PostgreSQL is away', () => {
  let proxied: ProxiedTestApp;
  let service: TestApp;

  // No Redis: without its invalidations, keys are cached for a second only.
  beforeAll(async () => {
    proxied = await startTestAppBehindProxy();
    service = proxied.service;
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await proxied.close();
  });

  it('runs compiled stored modules through an outage longer than every cache TTL, answers what needs the database 503, and records every run', async () => {
    const { key, accountId } = await service.createKey('enterprise');
    const neverPresented = (await service.createKey('pro')).key;
    const store = async (name: string) => (await uploadModule(service.url, key, example(name), name)).body.id as string;
    const [echo, hello, neverRun] = [await store('echo'), await store('hello'), await store('sha256')];
    const run = (id: string, stdin = '') => call(service.url, 'POST', `/api/v1/modules/${id}/executions`, key, { stdin });
    const answered = [await run(echo, 'before'), await run(hello)];

    proxied.proxy.cut();
    const realNow = Date.now.bind(Date);
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + PAST_EVERY_TTL_MS);

    // Together, as under load: each run that finds its row stale tries the database at once.
    const inputs = Array.from({ length: 12 }, (_, i) => `during ${i}`);
    const during = await Promise.all(inputs.map((stdin) => run(echo, stdin)));
    expect(during.map((answer) => [answer.status, answer.body.stdout])).toEqual(inputs.map((stdin) => [200, stdin]));
    const oneShot = await postExecute(service.url, key, { wasm: example('hello') });
    expect(oneShot.status).toBe(200);
    answered.push(...during, oneShot);
    expect((await call(service.url, 'GET', '/api/v1/me', key)).status).toBe(200);

    const refused = [
      unavailability('a module never run here', await run(neverRun)),
      unavailability('a key never presented here', await call(service.url, 'GET', '/api/v1/me', neverPresented)),
      unavailability('an upload', await uploadModule(service.url, key, example('fibonacci'), 'fibonacci')),
    ];
    for (const [method, path, body, admin] of databaseRoutes(echo)) {
      refused.push(unavailability(`${method} ${path}`, await call(service.url, method, path, admin ? TEST_ADMIN_TOKEN : key, body)));
    }
    expect(refused).toEqual(refused.map(({ what }) => ({ what, ...DATABASE_UNAVAILABLE })));
    await deleteElsewhere(proxied.databaseUrl, hello);

    proxied.proxy.restore();
    // Read again at its first run once the database answers: a deleted module is gone at once.
    expect((await run(hello)).status).toBe(404);
    const after = await run(echo, 'after');
    expect(after.body.stdout).toBe('after');
    answered.push(after);
    expect((await call(service.url, 'GET', '/api/v1/me', neverPresented)).status).toBe(200);

    const recorder = service.app.get(UsageRecorder);
    await until(async () => (await recorder.flush(), recorder.pending === 0), 10_000);
    expect(await executionIds(proxied.databaseUrl, accountId)).toEqual(answered.map((answer) => answer.body.id).sort());
  }, 30_000);
});

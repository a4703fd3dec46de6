import { example } from '../support/fixtures';
import { uploadModule } from '../support/http';
import { call, startTestApp, TestApp } from '../support/test-app';

const SHARED_REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function setTier(service: TestApp, tier: string, limits: Record<string, number>) {
  const response = await service.admin('PATCH', `/api/v1/admin/tiers/${tier}`, limits);
  if (response.status !== 200) throw new Error(JSON.stringify(response.body));
  return response.body;
}

/** An account on `tier` with the echo module stored. */
async function withEcho(service: TestApp, tier: string) {
  const { key } = await service.createKey(tier);
  const upload = await uploadModule(service.url, key, example('echo'), 'echo');
  expect(upload.status).toBe(201);
  return { key, moduleId: upload.body.id as string };
}

const batchOf = (count: number) => ({ runs: Array.from({ length: count }, (_, i) => ({ stdin: `run ${i}` })) });
const dayLeft = async (service: TestApp, key: string) => (await call(service.url, 'GET', '/api/v1/me', key)).body.quota.day.remaining as number;

describe.each([
  ['PostgreSQL and Redis', { REDIS_URL: SHARED_REDIS }],
  ['the embedded default', { DATABASE_URL: '' }],
])('batches on %s', (_name, env) => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp(env);
  }, 120_000);
  afterAll(() => service?.close());

  it('a batch of 50 returns 50 results in request order, each the answer of a single run', async () => {
    await setTier(service, 'pro', { maxBatchRuns: 50, executionsPerDay: 10_000 });
    const { key, moduleId } = await withEcho(service, 'pro');
    const before = await dayLeft(service, key);
    const answer = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, batchOf(50));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'completed' });
    expect(answer.body.results.map((result: { stdout: string }) => result.stdout)).toEqual(Array.from({ length: 50 }, (_, i) => `run ${i}`));
    const single = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/executions`, key, { stdin: 'alone' });
    expect(single.status).toBe(200);
    for (const result of answer.body.results) {
      expect(Object.keys(result).sort()).toEqual(Object.keys(single.body).sort());
      expect(result).toMatchObject({ status: 'success', exitCode: 0, moduleSha256: single.body.moduleSha256 });
    }
    expect(new Set(answer.body.results.map((result: { id: string }) => result.id)).size).toBe(50);
    // 50 runs of the batch and the single run.
    expect(await dayLeft(service, key)).toBe(before - 51);
    expect(answer.headers.get('ratelimit')).toMatch(new RegExp(`"day";r=${before - 50};`));
  });

  it('a batch over what is left of the day is refused whole, with the quota untouched', async () => {
    await setTier(service, 'basic', { maxBatchRuns: 50, executionsPerDay: 20, requestsPerMinute: 1000 });
    const { key, moduleId } = await withEcho(service, 'basic');
    const first = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, batchOf(15));
    expect(first.status).toBe(200);
    expect(await dayLeft(service, key)).toBe(5);
    const refused = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, batchOf(6));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'rate_limited', policy: 'day', limit: 20, executions: 6 });
    expect(refused.body.detail).toContain('5 of its 20');
    expect(await dayLeft(service, key)).toBe(5);
    const exact = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, batchOf(5));
    expect(exact.status).toBe(200);
    expect(await dayLeft(service, key)).toBe(0);
  });

  it('a batch over maxBatchRuns is refused naming the limit, and an empty one as empty; neither is charged', async () => {
    const tier = await setTier(service, 'free', { maxBatchRuns: 3, executionsPerDay: 100, requestsPerMinute: 1000 });
    expect(tier.maxBatchRuns).toBe(3);
    const { key, moduleId } = await withEcho(service, 'free');
    const me = await call(service.url, 'GET', '/api/v1/me', key);
    expect(JSON.stringify(me.body)).toContain('"maxBatchRuns":3');
    const before = await dayLeft(service, key);
    const tooLarge = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, batchOf(4));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({ code: 'batch_too_large', limit: 'maxBatchRuns', allowed: 3, runs: 4, tier: 'free' });
    expect(tooLarge.body.detail).toContain('maxBatchRuns is 3');
    const empty = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, { runs: [] });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ code: 'batch_empty', field: 'runs' });
    expect(await dayLeft(service, key)).toBe(before);
  });

  it('checks every run before any runs: one bad run refuses the batch', async () => {
    const { key, moduleId } = await withEcho(service, 'pro');
    const bad = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, { runs: [{ stdin: 'a' }, { args: ['x\u0000'] }] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'invalid_args' });
    const unknown = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, { runs: [{ stdin: 'a', nope: 1 }] });
    expect(unknown.status).toBe(400);
  });
});

import { DataSource } from 'typeorm';
import Redis from 'ioredis';
import { QuotaBackends } from '../../src/quotas/quota-backends.service';
import { accountKeys } from '../../src/quotas/redis-quota.script';
import { ConcurrencyLease } from '../../src/quotas/quota.service';
import { finalBatch, finalRecord } from '../support/async-runs';
import { hostile } from '../support/fixtures';
import { runThrough, uploadModule } from '../support/http';
import { call, startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

const SHARED_REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A queued run that spins until its timeout. */
const spinning = (timeoutMs: number) => ({ wasm: hostile('busy-loop'), wait: false, timeoutMs });

const submit = async (service: TestApp, key: string, timeoutMs: number): Promise<string> => {
  const queued = await runThrough('POST /api/v1/execute', service.url, key, spinning(timeoutMs));
  expect(queued.status).toBe(202);
  return queued.body.id;
};

const span = (record: { startedAt: string; finishedAt: string }) => [Date.parse(record.startedAt), Date.parse(record.finishedAt)] as const;

describe.each([
  ['Redis', { REDIS_URL: SHARED_REDIS }],
  ['memory (no Redis)', {}],
])('the job queue and the account\'s concurrency, decided in %s', (_name, env: Record<string, string>) => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp({ ...env, WORKER_THREADS: '4', JOB_CONCURRENCY: '4' });
  }, 180_000);

  afterAll(() => service?.close());

  it('runs the async runs of a free account (maxConcurrency 1) one at a time, and refuses its synchronous run meanwhile', async () => {
    const { key } = await service.createKey('free');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await submit(service, key, 1200));
    let running = '';
    await until(async () => {
      for (const id of ids) if ((await call(service.url, 'GET', `/api/v1/executions/${id}`, key)).body.status === 'running') running = id;
      return running !== '';
    }, 30_000);
    const refused = await runThrough('POST /api/v1/execute', service.url, key, { wasm: hostile('busy-loop'), timeoutMs: 100 });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'rate_limited', policy: 'concurrency', limit: 1 });
    const records = await Promise.all(ids.map((id) => finalRecord(service.url, key, id, 60_000)));
    expect(records.map((record) => record.status)).toEqual(['time_limit_exceeded', 'time_limit_exceeded', 'time_limit_exceeded']);
    // None started before the one before it in the sandbox had ended (the slot is given back after the record ends).
    const spans = records.map(span).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][1]);
  }, 90_000);

  it('queues a run or a batch while every slot is taken (the minute and the day still taken), and refuses one that would wait', async () => {
    const { key } = await service.createKey('free');
    const moduleId = (await uploadModule(service.url, key, hostile('busy-loop'), 'spin')).body.id;
    const dayLeft = async () => (await call(service.url, 'GET', '/api/v1/me', key)).body.quota.day.remaining;
    const before = await dayLeft();
    // Holds the account's one slot for 1.5 s.
    const holding = runThrough('POST /api/v1/execute', service.url, key, { wasm: hostile('busy-loop'), timeoutMs: 1500 });
    await until(async () => (await call(service.url, 'GET', '/api/v1/me', key)).body.quota.concurrency.inFlight === 1, 10_000);
    const queued = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/executions`, key, { wait: false, timeoutMs: 100 });
    expect(queued.status).toBe(202);
    expect(queued.headers.get('ratelimit')).toContain('"day";r=');
    const batch = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, { wait: false, runs: [{ timeoutMs: 100 }, { timeoutMs: 100 }] });
    expect(batch.status).toBe(202);
    const waited = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/executions`, key, { timeoutMs: 100 });
    expect(waited.status).toBe(429);
    expect(waited.body).toMatchObject({ policy: 'concurrency', limit: 1 });
    expect((await holding).body.status).toBe('time_limit_exceeded');
    // The holder, the queued run and the batch's two runs: the refused one took nothing.
    expect(before - (await dayLeft())).toBe(4);
    expect((await finalRecord(service.url, key, queued.body.id)).status).toBe('time_limit_exceeded');
    expect(await finalBatch(service.url, key, batch.body.id)).toMatchObject({ status: 'completed', completed: 2 });
  }, 90_000);

  it("starts another account's run before the rest of one account's backlog", async () => {
    const busy = await service.createKey('enterprise');
    const other = await service.createKey('enterprise');
    // More runs than the executor works at once (4), all queued before the other account's one.
    const backlog: string[] = [];
    for (let i = 0; i < 12; i++) backlog.push(await submit(service, busy.key, 700));
    const late = await submit(service, other.key, 700);
    const lateRun = span(await finalRecord(service.url, other.key, late, 60_000));
    const backlogRuns = await Promise.all(backlog.map(async (id) => span(await finalRecord(service.url, busy.key, id, 60_000))));
    // First come, first served would start it after all twelve; in fair order it starts as soon as a
    // slot of the executor frees, before the backlog's second round.
    const startedBefore = backlogRuns.filter(([started]) => started < lateRun[0]).length;
    expect(startedBefore).toBeLessThanOrEqual(8);
  }, 90_000);

  it("holds a queued batch's lanes to the account's concurrency: its synchronous run is refused while they run", async () => {
    const { key } = await service.createKey('basic');
    const moduleId = (await uploadModule(service.url, key, hostile('busy-loop'), 'spin')).body.id;
    const queued = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, { wait: false, runs: Array.from({ length: 6 }, () => ({ timeoutMs: 800 })) });
    expect(queued.status).toBe(202);
    let refusal: { status: number; body: any } | null = null;
    await until(async () => {
      const attempt = await runThrough('POST /api/v1/execute', service.url, key, { wasm: hostile('busy-loop'), timeoutMs: 50 });
      if (attempt.status === 429) refusal = attempt;
      return refusal !== null || (await call(service.url, 'GET', `/api/v1/batches/${queued.body.id}`, key)).body.status === 'completed';
    }, 30_000);
    expect(refusal).toMatchObject({ status: 429, body: { policy: 'concurrency', limit: 2 } });
    const batch = await finalBatch(service.url, key, queued.body.id);
    expect(batch).toMatchObject({ status: 'completed', completed: 6, byStatus: { time_limit_exceeded: 6 } });
  }, 90_000);

  it("renews the request's own slot in which a waited batch's first lane runs, as the other lanes renew theirs", async () => {
    const { key, accountId } = await service.createKey('free');
    const moduleId = (await uploadModule(service.url, key, hostile('busy-loop'), 'spin')).body.id;
    const inFlight = async () => (await call(service.url, 'GET', '/api/v1/me', key)).body.quota.concurrency.inFlight;
    // Every lease past half its life, so each lane renews before each of its runs.
    const outlived = jest.spyOn(ConcurrencyLease.prototype, 'outlived').mockReturnValue(true);
    try {
      const batch = call(service.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, { runs: Array.from({ length: 10 }, () => ({ timeoutMs: 500 })) });
      await until(async () => (await inFlight()) === 1, 10_000);
      // The request's lease lapses as it would after its lifetime (a batch longer than the timeout and a minute).
      await lapseLeases(service, env, accountId);
      await until(async () => (await inFlight()) === 1, 10_000);
      const refused = await runThrough('POST /api/v1/execute', service.url, key, { wasm: hostile('busy-loop'), timeoutMs: 50 });
      expect(refused).toMatchObject({ status: 429, body: { policy: 'concurrency', limit: 1 } });
      expect(await batch).toMatchObject({ status: 200, body: { status: 'completed' } });
    } finally {
      outlived.mockRestore();
    }
  }, 90_000);

  it('drops the job of a run cancelled while it waits for a slot, sent again under its own id, with its input', async () => {
    const { key } = await service.createKey('free');
    const busy = await submit(service, key, 1500);
    await until(async () => (await call(service.url, 'GET', `/api/v1/executions/${busy}`, key)).body.status === 'running', 30_000);
    const waiting = await runThrough('POST /api/v1/execute', service.url, key, { wasm: hostile('busy-loop'), wait: false, timeoutMs: 100, input: 'x'.repeat(10_000) });
    const jobsOf = (): Promise<{ id: string; state: string; data: any }[]> =>
      service.app.get(DataSource).query(`SELECT id, state, data FROM pgboss.job WHERE data->>'executionId' = $1 UNION ALL SELECT id, state, data FROM pgboss.archive WHERE data->>'executionId' = $1`, [waiting.body.id]);
    await until(async () => (await jobsOf()).some((job) => job.id !== waiting.body.id && job.state === 'created'), 30_000);
    expect((await call(service.url, 'DELETE', `/api/v1/executions/${waiting.body.id}`, key)).body).toMatchObject({ status: 'cancelled', startedAt: null });
    const jobs = await jobsOf();
    expect(jobs.filter((job) => job.state === 'created')).toEqual([]);
    for (const job of jobs) expect(job.data).toMatchObject({ module: { wasmBase64: '' }, input: { stdinBase64: '' } });
    expect((await finalRecord(service.url, key, busy, 30_000)).status).toBe('time_limit_exceeded');
    expect((await call(service.url, 'GET', `/api/v1/executions/${waiting.body.id}`, key)).body).toMatchObject({ status: 'cancelled', error: 'cancelled by the caller' });
  }, 90_000);
});

/** Every concurrency lease of the account expired, where the service keeps them. */
async function lapseLeases(service: TestApp, env: Record<string, string>, accountId: string): Promise<void> {
  if (!env.REDIS_URL) {
    const memory = (service.app.get(QuotaBackends) as unknown as { memory: { accounts: Map<string, { leases: Map<string, number> }> } }).memory;
    const leases = memory.accounts.get(accountId)!.leases;
    for (const id of leases.keys()) leases.set(id, 0);
    return;
  }
  const redis = new Redis(env.REDIS_URL);
  try {
    const leasesKey = accountKeys(accountId)[2];
    for (const id of await redis.zrange(leasesKey, 0, -1)) await redis.zadd(leasesKey, 1, id);
  } finally {
    redis.disconnect();
  }
}

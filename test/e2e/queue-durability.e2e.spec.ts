import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { example, hostile } from '../support/fixtures';
import { postExecute } from '../support/http';
import { ServiceProcess, startServiceProcess } from '../support/service-process';
import { call, TEST_ADMIN_TOKEN } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';
import { until } from '../support/until';
import { LEASE_TTL_MS } from '../../src/quotas/quota-policy';
import { finalRecord } from '../support/async-runs';

const SECRETS = { ADMIN_TOKEN: TEST_ADMIN_TOKEN, API_SALT: 'test-salt-0123456789abcdef' };

async function keyOn(url: string): Promise<string> {
  const account = await call(url, 'POST', '/api/v1/admin/accounts', TEST_ADMIN_TOKEN, { name: 'queue', tier: 'enterprise' });
  return (await call(url, 'POST', `/api/v1/admin/accounts/${account.body.id}/keys`, TEST_ADMIN_TOKEN, {})).body.key;
}

async function killed(service: ServiceProcess): Promise<void> {
  service.child.kill('SIGKILL');
  await service.exited;
}

describe('the durable queue across processes', () => {
  let database: { url: string; drop(): Promise<void> };
  const running: ServiceProcess[] = [];
  const start = async (env: Record<string, string>) => {
    const service = await startServiceProcess({ DATABASE_URL: database.url, ...SECRETS, ...env });
    running.push(service);
    return service;
  };

  beforeEach(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    for (const service of running.splice(0)) {
      service.child.kill('SIGKILL');
      await service.exited;
    }
    await database.drop();
  });

  it('ends all of 25 async runs, each once, after the server that took them is killed with SIGKILL and restarted', async () => {
    const first = await start({});
    const key = await keyOn(first.url);
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      const submitted = await postExecute(first.url, key, { wasm: example('echo'), input: `run ${i}`, wait: false });
      expect(submitted.status).toBe(202);
      ids.push(submitted.body.id);
    }
    await killed(first);
    const second = await start({});
    const records = await Promise.all(ids.map((id) => finalRecord(second.url, key, id, 120_000)));
    records.forEach((record, i) => expect(record).toMatchObject({ status: 'success', stdout: `run ${i}` }));
    const listed = await call(second.url, 'GET', '/api/v1/executions?limit=100', key);
    expect(listed.body.items.map((item: { id: string }) => item.id).sort()).toEqual([...ids].sort());
    // Each run is counted once in the usage rollups: none ended twice.
    expect((await call(second.url, 'GET', '/api/v1/usage', key)).body.totals.byStatus).toEqual({ success: 25 });
  }, 300_000);

  it('writes the records of answered runs that a server killed with SIGKILL held unwritten, from its journal', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wasmwiz-journal-'));
    const first = await start({ DATA_DIR: dataDir });
    const key = await keyOn(first.url);
    // Inserts wait behind the lock: every record of the runs below is still in the server's memory when it dies.
    const blocker = new Client({ connectionString: database.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE executions IN EXCLUSIVE MODE');
      const answers = [];
      for (let i = 0; i < 12; i++) answers.push(await postExecute(first.url, key, { wasm: example('echo'), input: `run ${i}` }));
      expect(answers.map((answer) => answer.body.status)).toEqual(Array(12).fill('success'));
      await killed(first);
      await blocker.query('COMMIT');
      const second = await start({ DATA_DIR: dataDir });
      const listed = async () => (await call(second.url, 'GET', '/api/v1/executions?limit=100', key)).body.items.map((item: { id: string }) => item.id);
      await until(async () => (await listed()).length >= 12, 90_000);
      expect((await listed()).sort()).toEqual(answers.map((answer) => answer.body.id).sort());
      expect((await call(second.url, 'GET', '/api/v1/usage', key)).body.totals.byStatus).toEqual({ success: 12 });
    } finally {
      await blocker.end();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);

  it("keeps a long run's slot past the lease's expiry while its server lives, and frees it within the expiry once the server is killed with SIGKILL", async () => {
    const env = { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', EXECUTION_TIMEOUT: '30s' };
    const first = await start(env);
    const key = await keyOn(first.url);
    await call(first.url, 'PATCH', '/api/v1/admin/tiers/enterprise', TEST_ADMIN_TOKEN, { maxConcurrency: 1 });
    const inFlight = async (url: string) => (await call(url, 'GET', '/api/v1/me', key)).body.quota.concurrency.inFlight;
    const holding = postExecute(first.url, key, { wasm: hostile('busy-loop'), timeoutMs: 30_000 }).catch(() => null);
    await until(async () => (await inFlight(first.url)) === 1, 30_000);
    // Renewed by its process, the lease outlives its own expiry: a second run is refused all along.
    const heldFrom = Date.now();
    await until(async () => {
      const second = await postExecute(first.url, key, { wasm: example('hello') });
      expect(second.body).toMatchObject({ code: 'rate_limited', policy: 'concurrency' });
      return Date.now() - heldFrom > LEASE_TTL_MS + 2_000;
    }, 30_000);
    await killed(first);
    await holding;
    const second = await start(env);
    // Unrenewed, the lease lapses within its expiry (LEASE_TTL_MS); it used to be kept for 90 s.
    await until(async () => (await inFlight(second.url)) === 0, 30_000);
    expect((await postExecute(second.url, key, { wasm: example('hello') })).body.status).toBe('success');
  }, 300_000);

  it('answers a synchronous run on an api process with an executor process running it; the executor serves no API', async () => {
    const api = await start({ WASMWIZ_ROLE: 'api' });
    const executor = await start({ WASMWIZ_ROLE: 'executor' });
    const key = await keyOn(api.url);
    const answer = await postExecute(api.url, key, { wasm: example('echo'), input: 'through the queue' });
    expect(answer.body).toMatchObject({ status: 'success', stdout: 'through the queue', exitCode: 0, error: null });
    expect((await call(executor.url, 'GET', '/health/live')).status).toBe(200);
    expect(executor.output()).toMatch(/WasmWiz is serving health and metrics only at http:\S+ \(an executor: it works the job queue; the API and the UI are on the api processes\)/);
    // Plain fetch: the API's contract does not describe an executor.
    const refused = await fetch(`${executor.url}/api/v1/tiers`);
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ code: 'not_found' });
  }, 300_000);

  it('cancels a synchronous run no executor started within EXECUTOR_START_TIMEOUT and answers 503, so an executor that comes later does not run it', async () => {
    const api = await start({ WASMWIZ_ROLE: 'api', EXECUTOR_START_TIMEOUT: '1s' });
    const key = await keyOn(api.url);
    const answer = await postExecute(api.url, key, { wasm: example('echo'), input: 'never run' });
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('5');
    expect(answer.body).toMatchObject({ code: 'capacity_exhausted', retryAfterSeconds: 5 });
    expect(answer.body.detail).toMatch(/within 1000 ms \(EXECUTOR_START_TIMEOUT\): it was cancelled without running/);
    const id = /execution ([0-9a-f-]{36})/.exec(answer.body.detail)![1];
    const executor = await start({ WASMWIZ_ROLE: 'executor', JOB_MAINTENANCE_INTERVAL: '1' });
    // The executor works the queue: a run it would take (an async one sent now) ends, and the cancelled one stays so.
    const later = await postExecute(api.url, key, { wasm: example('echo'), input: 'after', wait: 'false' });
    expect((await finalRecord(api.url, key, later.body.id)).status).toBe('success');
    const record = await call(api.url, 'GET', `/api/v1/executions/${id}`, key);
    expect(record.body).toMatchObject({ status: 'cancelled', stdoutBytes: 0 });
    expect(record.body.error).toMatch(/no executor took it within 1000 ms/);
    expect((await call(executor.url, 'GET', '/health/live')).status).toBe(200);
  }, 300_000);

  it("stops a running run's sandbox on its executor when the api process takes its cancel", async () => {
    const api = await start({ WASMWIZ_ROLE: 'api', EXECUTION_TIMEOUT: '30s' });
    await start({ WASMWIZ_ROLE: 'executor', EXECUTION_TIMEOUT: '30s', WORKER_THREADS: '1' });
    const key = await keyOn(api.url);
    const submitted = await postExecute(api.url, key, { wasm: hostile('busy-loop'), wait: false, timeoutMs: 30_000 });
    const id = submitted.body.id;
    await until(async () => (await call(api.url, 'GET', `/api/v1/executions/${id}`, key)).body.status === 'running', 30_000);
    const cancelledAt = Date.now();
    expect((await call(api.url, 'DELETE', `/api/v1/executions/${id}`, key)).status).toBe(200);
    // The executor's one thread ran the loop: the next run has it once the loop is stopped.
    const next = await postExecute(api.url, key, { wasm: example('echo'), input: 'next' });
    expect(next.body).toMatchObject({ status: 'success', stdout: 'next' });
    expect(Date.now() - cancelledAt).toBeLessThan(7_500);
    expect((await call(api.url, 'GET', `/api/v1/executions/${id}`, key)).body.status).toBe('cancelled');
  }, 300_000);

  it('retries a run whose executor died mid-run (its job expires), so it never stays running', async () => {
    const api = await start({ WASMWIZ_ROLE: 'api' });
    const executor = await start({ WASMWIZ_ROLE: 'executor', JOB_MAINTENANCE_INTERVAL: '1' });
    const key = await keyOn(api.url);
    const submitted = await postExecute(api.url, key, { wasm: hostile('busy-loop'), wait: false, timeoutMs: 1000 });
    const id = submitted.body.id;
    await until(async () => (await call(api.url, 'GET', `/api/v1/executions/${id}`, key)).body.status === 'running', 30_000);
    await killed(executor);
    await start({ WASMWIZ_ROLE: 'executor', JOB_MAINTENANCE_INTERVAL: '1' });
    const record = await finalRecord(api.url, key, id, 180_000);
    expect(['time_limit_exceeded', 'internal_error']).toContain(record.status);
  }, 300_000);
});

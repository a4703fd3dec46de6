import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { example, hostile } from '../support/fixtures';
import { finalBatch } from '../support/async-runs';
import { apiFetch } from '../support/contract';
import { uploadModule } from '../support/http';
import { call, startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';
import { DataSource } from 'typeorm';

const SHARED_REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MiB = 1024 * 1024;
const BATCH_RESULT_BYTES = 6.5 * MiB;

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
  ['the embedded default', { DATABASE_URL: '', DATA_DIR: '' }],
])('batches on %s', (_name, env: Record<string, string>) => {
  let service: TestApp;
  const dataDir = mkdtempSync(join(tmpdir(), 'wasmwiz-batches-'));

  beforeAll(async () => {
    service = await startTestApp({ ...env, MAX_BATCH_RESULT_SIZE: String(BATCH_RESULT_BYTES), ...('DATA_DIR' in env ? { DATA_DIR: dataDir } : {}) });
  }, 120_000);
  afterAll(async () => {
    await service?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

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
      expect(Object.keys(result).sort()).toEqual([...Object.keys(single.body), 'resultTruncated'].sort());
      expect(result).toMatchObject({ status: 'success', exitCode: 0, moduleSha256: single.body.moduleSha256, resultTruncated: false });
    }
    expect(new Set(answer.body.results.map((result: { id: string }) => result.id)).size).toBe(50);
    // Its runs are recorded by the time it is answered, as the batch's own view counts them.
    const shown = await call(service.url, 'GET', `/api/v1/batches/${answer.body.id}`, key);
    expect(shown.body).toMatchObject({ status: 'completed', total: 50, completed: 50, byStatus: { success: 50 } });
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

  it('with wait: false, queues the batch (202 + Location), polled to completion, and lists it', async () => {
    await setTier(service, 'pro', { maxBatchRuns: 50, executionsPerDay: 10_000 });
    const { key, moduleId } = await withEcho(service, 'pro');
    const before = await dayLeft(service, key);
    const accepted = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, { ...batchOf(20), wait: false });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ id: expect.any(String), status: 'queued' });
    expect(accepted.headers.get('location')).toBe(`/api/v1/batches/${accepted.body.id}`);
    expect(await dayLeft(service, key)).toBe(before - 20);
    const poll = () => call(service.url, 'GET', accepted.headers.get('location')!, key);
    let done = await poll();
    await until(async () => {
      done = await poll();
      return done.body.status === 'completed' && done.body.completed === 20;
    }, 60_000);
    expect(done.body).toMatchObject({ id: accepted.body.id, status: 'completed', total: 20, completed: 20, byStatus: { success: 20 }, moduleId });
    expect(done.body.results.map((result: { stdout: string }) => result.stdout)).toEqual(Array.from({ length: 20 }, (_, i) => `run ${i}`));
    const listed = await call(service.url, 'GET', '/api/v1/batches?limit=1', key);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: accepted.body.id, status: 'completed', total: 20 })]);
    const other = await service.createKey('pro');
    expect((await call(service.url, 'GET', `/api/v1/batches/${accepted.body.id}`, other.key)).status).toBe(404);
  });

  it('shows the depth and oldest-job age of every queue in /metrics', async () => {
    const metrics = await (await apiFetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/^wasmwiz_job_queue_depth\{queue="batch"\} \d+$/m);
    expect(metrics).toMatch(/^wasmwiz_job_queue_oldest_age_seconds\{queue="batch"\} [\d.]+$/m);
    expect(metrics).toMatch(/^wasmwiz_job_queue_active\{queue="batch"\} \d+$/m);
  });

  it("keeps each run's answer cut to the tier's maxStoredResultBytes, waited for or queued; the waited answer is whole", async () => {
    await setTier(service, 'enterprise', { maxStoredResultBytes: 4 });
    const { key, moduleId } = await withEcho(service, 'enterprise');
    const runs = [{ stdin: 'more than four bytes' }, { stdin: 'ok' }];
    const waited = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, { runs });
    expect(waited.status).toBe(200);
    expect(waited.body.results.map((result: { stdout: string }) => result.stdout)).toEqual(['more than four bytes', 'ok']);
    const queued = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, { runs, wait: false });
    expect(queued.status).toBe(202);
    for (const id of [waited.body.id, queued.body.id]) {
      const batch = await finalBatch(service.url, key, id);
      expect(batch.status).toBe('completed');
      expect(batch.results).toEqual([
        expect.objectContaining({ status: 'success', stdout: 'more', resultTruncated: true, stdoutTruncated: false }),
        expect.objectContaining({ status: 'success', stdout: 'ok', resultTruncated: false }),
      ]);
      // A queued batch's run record keeps the same cut answer (its retry resumes from them); a
      // waited batch's records are written behind its answer, as a single run's are, without
      // the output (the batch keeps it). Both count what the run printed.
      let first: any;
      await until(async () => {
        const record = await call(service.url, 'GET', `/api/v1/executions/${batch.results[0].id}`, key);
        first = record.body;
        return record.status === 200;
      }, 20_000);
      expect(first).toMatchObject({ batchId: id, batchIndex: 0, stdoutBytes: 20 });
      if (id === queued.body.id) expect(first).toMatchObject({ stdout: 'more', resultTruncated: true });
      else expect(first.stdout).toBeUndefined();
    }
  });

  it("holds a batch's results to MAX_BATCH_RESULT_SIZE of output, answered and kept: later runs are cut", async () => {
    // 8 runs of 1 MiB (pro's output limit) against a 6.5 MiB budget: six whole, two cut.
    const { key } = await service.createKey('pro');
    const flood = (await uploadModule(service.url, key, hostile('output-flood'), 'flood')).body.id;
    const answer = await call(service.url, 'POST', `/api/v1/modules/${flood}/batches`, key, { runs: Array.from({ length: 8 }, () => ({})) });
    expect(answer.status).toBe(200);
    const sizes = (results: { stdout: string }[]) => results.map((result) => result.stdout.length);
    expect(sizes(answer.body.results).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(BATCH_RESULT_BYTES);
    expect(sizes(answer.body.results).filter((size) => size === MiB)).toHaveLength(6);
    // Runs end in any order: which two are cut is not fixed, that two are is.
    const cut = answer.body.results.filter((result: { resultTruncated: boolean }) => result.resultTruncated);
    expect(cut).toHaveLength(2);
    expect(cut.every((result: { status: string }) => result.status === 'output_limit_exceeded')).toBe(true);
    const kept = (await call(service.url, 'GET', `/api/v1/batches/${answer.body.id}`, key)).body.results;
    expect(sizes(kept).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(BATCH_RESULT_BYTES);
  });

  it('keeps output holding U+0000 (which jsonb cannot) in base64, waited for or queued', async () => {
    const { key, moduleId } = await withEcho(service, 'pro');
    const runs = [{ stdin: 'before\u0000after' }];
    const waited = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, { runs });
    expect(waited.status).toBe(200);
    expect(waited.body.results[0]).toMatchObject({ stdout: 'before\u0000after', stdoutEncoding: 'utf8' });
    const queued = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, { runs, wait: false });
    expect(queued.status).toBe(202);
    for (const id of [waited.body.id, queued.body.id]) {
      const batch = await finalBatch(service.url, key, id);
      expect(batch.status).toBe('completed');
      expect(batch.results[0]).toMatchObject({ status: 'success', stdoutEncoding: 'base64' });
      expect(Buffer.from(batch.results[0].stdout, 'base64').toString()).toBe('before\u0000after');
    }
  });

  it('checks every run before any runs: one bad run refuses the batch', async () => {
    const { key, moduleId } = await withEcho(service, 'pro');
    const bad = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, { runs: [{ stdin: 'a' }, { args: ['x\u0000'] }] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'invalid_args' });
    const unknown = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, { runs: [{ stdin: 'a', nope: 1 }] });
    expect(unknown.status).toBe(400);
    const tooLong = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, { runs: [{ stdin: 'a' }, { timeoutMs: 99_999_999 }] });
    expect(tooLong.status).toBe(400);
    const noModule = await call(service.url, 'POST', '/api/v1/modules/11111111-1111-4111-8111-111111111111/batches', key, { runs: [{}] });
    expect(noModule.body).toMatchObject({ status: 404, code: 'not_found' });
    // A refused batch, waited for or not, leaves no row behind.
    const listed = await call(service.url, 'GET', '/api/v1/batches', key);
    expect(listed.body.items).toEqual([]);
  });

  it('names the module by id, name or name@version, as a single run does', async () => {
    const { key, moduleId } = await withEcho(service, 'pro');
    const byName = await call(service.url, 'POST', '/api/v1/modules/echo/batches', key, batchOf(2));
    expect(byName.status).toBe(200);
    expect(byName.body.results.map((result: { stdout: string }) => result.stdout)).toEqual(['run 0', 'run 1']);
    const byVersion = await call(service.url, 'POST', '/api/v1/modules/echo@1/batches', key, { ...batchOf(1), wait: false });
    expect(byVersion.status).toBe(202);
    expect((await finalBatch(service.url, key, byVersion.body.id)).moduleId).toBe(moduleId);
    const noVersion = await call(service.url, 'POST', '/api/v1/modules/echo@2/batches', key, batchOf(1));
    expect(noVersion.body).toMatchObject({ status: 404, code: 'unknown_module_version', latestVersion: 1 });
    const listed = await call(service.url, 'GET', '/api/v1/batches', key);
    expect(listed.body.items.map((batch: { moduleId: string }) => batch.moduleId)).toEqual([moduleId, moduleId]);
  });
});

describe('batches split across WASMWIZ_ROLE=api and an executor', () => {
  let api: TestApp;
  let executor: TestApp;

  beforeAll(async () => {
    api = await startTestApp({ WASMWIZ_ROLE: 'api', REDIS_URL: SHARED_REDIS });
    executor = await startTestApp({ WASMWIZ_ROLE: 'executor', REDIS_URL: SHARED_REDIS, DATABASE_URL: api.databaseUrl });
  }, 120_000);
  afterAll(async () => {
    await executor?.close();
    await api?.close();
  });

  it('an API-only process answers a waited-for batch run by the executor, in order', async () => {
    const { key, moduleId } = await withEcho(api, 'pro');
    const answer = await call(api.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, batchOf(10));
    expect(answer.status).toBe(200);
    expect(answer.body.results.map((result: { stdout: string }) => result.stdout)).toEqual(Array.from({ length: 10 }, (_, i) => `run ${i}`));
  });

  it("runs a waited-for batch of a free account (one slot) on the executor in the request's own slot, not in a second one it would wait for", async () => {
    const { key, moduleId } = await withEcho(api, 'free');
    const startedAt = Date.now();
    const answer = await call(api.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, batchOf(3));
    expect(answer.status).toBe(200);
    expect(answer.body.results.map((result: { stdout: string }) => result.stdout)).toEqual(['run 0', 'run 1', 'run 2']);
    // A lane waiting for the request's slot to lapse would have taken its lifetime (the timeout and a minute).
    expect(Date.now() - startedAt).toBeLessThan(30_000);
  }, 60_000);

  it("answers a waited-for batch whole however little the tier keeps (maxStoredResultBytes), as the all-in-one process does", async () => {
    await setTier(api, 'basic', { maxStoredResultBytes: 4 });
    const { key, moduleId } = await withEcho(api, 'basic');
    const answer = await call(api.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, { runs: [{ stdin: 'more than four bytes' }] });
    expect(answer.status).toBe(200);
    expect(answer.body.results[0]).toMatchObject({ status: 'success', stdout: 'more than four bytes' });
  });

  it('answers a waited-for batch its executor could not run (the account suspended meanwhile) as failed, saying why, not with a 500', async () => {
    const { key, accountId } = await api.createKey('enterprise');
    const database = api.app.get(DataSource);
    const busyModule = (await uploadModule(api.url, key, hostile('busy-loop'), 'busy')).body.id;
    const helloModule = (await uploadModule(api.url, key, example('hello'), 'hello')).body.id;
    // Both of the executor's batch workers are taken, so the waited batch stays queued.
    const busy = await Promise.all([1, 2].map(() => call(api.url, 'POST', `/api/v1/modules/${busyModule}/batches`, key, { runs: [{ timeoutMs: 3000 }], wait: false })));
    const statusOf = async (id: string) => (await database.query('SELECT status FROM batches WHERE id = $1', [id]))[0]?.status;
    await until(async () => (await Promise.all(busy.map((batch) => statusOf(batch.body.id)))).every((status) => status === 'running'), 10_000);
    const waited = call(api.url, 'POST', `/api/v1/modules/${helloModule}/batches`, key, { runs: [{}, {}] });
    await until(async () => (await database.query("SELECT 1 FROM batches WHERE module_id = $1 AND status = 'queued'", [helloModule])).length === 1, 10_000);
    expect((await api.admin('PATCH', `/api/v1/admin/accounts/${accountId}`, { status: 'suspended' })).status).toBe(200);
    const answer = await waited;
    // Before: 500, "batch … failed on its executor".
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'failed', error: 'the account was suspended before every run of the batch had started', results: [] });
  }, 60_000);
});

describe('what the batches of a process hold of their outputs together (MAX_BATCH_RESULTS_IN_MEMORY)', () => {
  let service: TestApp;
  beforeAll(async () => {
    service = await startTestApp({ MAX_BATCH_RESULTS_IN_MEMORY: '100' });
  }, 120_000);
  afterAll(() => service?.close());

  it('cuts the later runs of a batch to what is left of it, and has it all again once the batch has ended', async () => {
    const { key, moduleId } = await withEcho(service, 'enterprise');
    const runs = [{ stdin: 'a'.repeat(60) }, { stdin: 'b'.repeat(60) }];
    for (let round = 0; round < 2; round++) {
      const waited = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, { runs });
      expect(waited.status).toBe(200);
      // 100 bytes for both: the first run kept whole (60), the second cut to the 40 left. Before,
      // each batch held up to MAX_BATCH_RESULT_SIZE whatever the others held (six made 1.76 GB).
      const lengths = waited.body.results.map((result: { stdout: string }) => result.stdout.length).sort();
      expect([round, lengths]).toEqual([round, [40, 60]]);
      expect(waited.body.results.filter((result: { resultTruncated: boolean }) => result.resultTruncated)).toHaveLength(1);
    }
  });
});

describe('a waited batch whose end cannot be written', () => {
  let service: TestApp;
  beforeAll(async () => {
    service = await startTestApp({});
  }, 120_000);
  afterAll(() => service?.close());

  it('ends failed rather than running for good, and its runs are still recorded', async () => {
    const { key, moduleId } = await withEcho(service, 'enterprise');
    const database = service.app.get(DataSource);
    // The batch's completed status is refused by the database (as a lost connection or a full disk would).
    await database.query(`ALTER TABLE batches ADD CONSTRAINT test_never_completed CHECK (status <> 'completed') NOT VALID`);
    try {
      const waited = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, batchOf(2));
      expect(waited.status).toBe(500);
      const [batch] = await database.query('SELECT id, status, error FROM batches WHERE module_id = $1', [moduleId]);
      // Before: `running`, for good.
      expect(batch).toMatchObject({ status: 'failed', error: "the batch's runs ended, but its end could not be written" });
      await until(async () => (await database.query('SELECT count(*)::int AS runs FROM executions WHERE batch_id = $1', [batch.id]))[0].runs === 2, 20_000);
    } finally {
      await database.query('ALTER TABLE batches DROP CONSTRAINT test_never_completed');
    }
  });
});

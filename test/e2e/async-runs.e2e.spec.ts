import { example, hostile, watFixture } from '../support/fixtures';
import { RUN_ROUTES, runThrough, uploadModule } from '../support/http';
import { call, startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';
import { finalBatch, finalRecord } from '../support/async-runs';
import { DataSource } from 'typeorm';

describe.each([
  ['PostgreSQL', {}],
  ['the embedded default', { DATABASE_URL: '' }],
])('async runs on %s', (_name, env: Record<string, string>) => {
  let service: TestApp;
  let key: string;

  beforeAll(async () => {
    service = await startTestApp(env);
    key = (await service.createKey()).key;
  }, 180_000);

  afterAll(() => service?.close());

  it.each(RUN_ROUTES)('%s with wait: false answers 202 with a Location, polled to the output', async (route) => {
    const submitted = await runThrough(route, service.url, key, { wasm: example('echo'), input: 'async hello', wait: false, callbackUrl: 'https://hooks.invalid/hook' });
    expect(submitted.status).toBe(202);
    expect(submitted.body).toEqual({ id: expect.any(String), status: 'queued' });
    expect(submitted.headers.get('location')).toBe(`/api/v1/executions/${submitted.body.id}`);
    const record = await finalRecord(service.url, key, submitted.body.id);
    expect(record).toMatchObject({
      id: submitted.body.id,
      status: 'success',
      exitCode: 0,
      stdout: 'async hello',
      stderr: '',
      stdoutEncoding: 'utf8',
      resultTruncated: false,
      callbackUrl: 'https://hooks.invalid/hook',
    });
    // The limits it was held to, as a waited run's answer gives them.
    const waited = await runThrough(route, service.url, key, { wasm: example('echo'), input: 'x' });
    expect(record.limits).toEqual(waited.body.limits);
    // The waited run's record (written behind its answer) keeps them too.
    const recordOf = () => call(service.url, 'GET', `/api/v1/executions/${waited.body.id}`, key);
    await until(async () => (await recordOf()).status === 200, 20_000);
    expect((await recordOf()).body.limits).toEqual(waited.body.limits);
    expect(record.startedAt).not.toBeNull();
    expect(record.finishedAt).not.toBeNull();
  });

  it("keeps no module bytes, stdin or files in a one-shot run's job, or runs in a queued batch's, once they have ended", async () => {
    const queued = await runThrough('POST /api/v1/execute', service.url, key, { wasm: example('echo'), input: 'x'.repeat(10_000), wait: false, files: { 'in.txt': Buffer.alloc(5000).toString('base64') } });
    expect((await finalRecord(service.url, key, queued.body.id)).stdout).toBe('x'.repeat(10_000));
    const moduleId = (await uploadModule(service.url, key, example('echo'), 'light')).body.id;
    const batch = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, { wait: false, runs: [{ stdin: 'y'.repeat(10_000) }] });
    expect((await finalBatch(service.url, key, batch.body.id)).status).toBe('completed');
    const data = async (id: string) => {
      // The job's data is lightened in the transaction that ends it; pg-boss may have archived it since.
      const [row] = await service.app.get(DataSource).query(`SELECT data FROM pgboss.job WHERE id = $1 UNION ALL SELECT data FROM pgboss.archive WHERE id = $1`, [id]);
      return row.data;
    };
    const run = await data(queued.body.id);
    expect(run).toMatchObject({ executionId: queued.body.id, module: { wasmBase64: '', sha256: expect.any(String) }, input: { stdinBase64: '', files: [] } });
    expect(JSON.stringify(run).length).toBeLessThan(2000);
    expect((await data(batch.body.id)).runs).toEqual([]);
  });

  it.each(RUN_ROUTES)('%s refuses a callbackUrl without wait: false, which it would never call', async (route) => {
    for (const wait of [undefined, true]) {
      const refused = await runThrough(route, service.url, key, { wasm: example('echo'), input: 'x', ...(wait === undefined ? {} : { wait }), callbackUrl: 'https://hooks.invalid/hook' });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'validation_failed', field: 'callbackUrl', detail: expect.stringContaining('`wait: false` only') });
    }
  });

  it('records a run that exits -1 (C\'s `return -1;`) with exit code -1, waited, queued and in a batch, and goes on recording', async () => {
    const wasm = watFixture('exit-minus-one');
    const waited = await runThrough('POST /api/v1/execute', service.url, key, { wasm });
    expect(waited.body).toMatchObject({ status: 'exit_error', exitCode: -1 });
    const queued = await runThrough('POST /api/v1/modules/:id/executions', service.url, key, { wasm, wait: false });
    expect(await finalRecord(service.url, key, queued.body.id)).toMatchObject({ status: 'exit_error', exitCode: -1 });
    const moduleId = (await uploadModule(service.url, key, wasm, 'exit-minus-one')).body.id;
    const batch = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, { runs: [{}, {}] });
    expect(batch.status).toBe(200);
    expect(batch.body.results.map((run: { exitCode: number }) => run.exitCode)).toEqual([-1, -1]);
    const after = await runThrough('POST /api/v1/execute', service.url, key, { wasm: example('hello') });
    await until(async () => (await call(service.url, 'GET', `/api/v1/executions/${after.body.id}`, key)).status === 200, 10_000);
    expect((await call(service.url, 'GET', `/api/v1/executions/${waited.body.id}`, key)).body).toMatchObject({ status: 'exit_error', exitCode: -1 });
  });

  it('cancels a running run, once: it ends cancelled and a second cancel is a 409', async () => {
    const submitted = await runThrough('POST /api/v1/execute', service.url, key, { wasm: hostile('busy-loop'), wait: false, timeoutMs: 4000 });
    expect(submitted.status).toBe(202);
    const id = submitted.body.id;
    await until(async () => (await call(service.url, 'GET', `/api/v1/executions/${id}`, key)).body.status === 'running', 20_000);
    const cancelled = await call(service.url, 'DELETE', `/api/v1/executions/${id}`, key);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id, status: 'cancelled' });
    // It had been running: its duration says for how long, and the executions metric counts it.
    expect(cancelled.body.durationMs).toBeGreaterThan(0);
    expect(await (await fetch(`${service.url}/metrics`)).text()).toMatch(/^wasmwiz_executions_total\{status="cancelled",tier="enterprise"\} 1$/m);
    expect((await call(service.url, 'DELETE', `/api/v1/executions/${id}`, key)).body).toMatchObject({ status: 409, code: 'execution_final' });
    // Its sandbox is stopped; the record stays cancelled.
    await until(async () => (await call(service.url, 'GET', '/api/v1/usage', key)).body.totals.byStatus.cancelled === 1, 20_000);
    expect((await call(service.url, 'GET', `/api/v1/executions/${id}`, key)).body.status).toBe('cancelled');
  });

  it('lists the recent runs a page at a time', async () => {
    const first = await call(service.url, 'GET', '/api/v1/executions?limit=1', key);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const next = await call(service.url, 'GET', `/api/v1/executions?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`, key);
    expect(next.body.items[0].id).not.toBe(first.body.items[0].id);
  });

  it("keeps at most the tier's maxStoredResultBytes of the output", async () => {
    expect((await service.admin('PATCH', '/api/v1/admin/tiers/basic', { maxStoredResultBytes: 4 })).status).toBe(200);
    const basic = (await service.createKey('basic')).key;
    const submitted = await runThrough('POST /api/v1/execute', service.url, basic, { wasm: example('echo'), input: 'more than four bytes', wait: false });
    const record = await finalRecord(service.url, basic, submitted.body.id);
    expect(record).toMatchObject({ status: 'success', stdout: 'more', stdoutBytes: 20, resultTruncated: true });
  });
});

describe('a cancelled running run on a pool of one thread', () => {
  let service: TestApp;
  let key: string;
  // The enterprise tier's longest.
  const TIMEOUT_MS = 30_000;

  beforeAll(async () => {
    service = await startTestApp({ WORKER_THREADS: '1', EXECUTION_TIMEOUT: '30s' });
    key = (await service.createKey()).key;
  }, 180_000);

  afterAll(() => service?.close());

  it('has its sandbox stopped at once: the thread is free for the next run long before the timeout, and the run stays cancelled', async () => {
    const submitted = await runThrough('POST /api/v1/execute', service.url, key, { wasm: hostile('busy-loop'), wait: false, timeoutMs: TIMEOUT_MS });
    expect(submitted.status).toBe(202);
    const id = submitted.body.id;
    await until(async () => (await call(service.url, 'GET', `/api/v1/executions/${id}`, key)).body.status === 'running', 20_000);
    const cancelledAt = Date.now();
    expect((await call(service.url, 'DELETE', `/api/v1/executions/${id}`, key)).status).toBe(200);
    // The one thread was the busy loop's: this run has it once the loop is stopped.
    const next = await runThrough('POST /api/v1/execute', service.url, key, { wasm: example('echo'), input: 'next' });
    expect(next.body).toMatchObject({ status: 'success', stdout: 'next' });
    expect(Date.now() - cancelledAt).toBeLessThan(TIMEOUT_MS / 4);
    expect((await call(service.url, 'GET', `/api/v1/executions/${id}`, key)).body).toMatchObject({ status: 'cancelled', error: 'cancelled by the caller' });
    // The next run's record is written behind its answer; the stopped one left none of its own.
    let byStatus: Record<string, number> = {};
    await until(async () => {
      byStatus = (await call(service.url, 'GET', '/api/v1/usage', key)).body.totals.byStatus;
      return byStatus.success === 1;
    }, 20_000);
    expect(byStatus).toEqual({ cancelled: 1, success: 1 });
  });
});

describe('queued work of an account suspended meanwhile', () => {
  let service: TestApp;
  beforeAll(async () => {
    // Long enough a busy run for the test to queue and suspend behind it on a loaded machine.
    service = await startTestApp({ JOB_CONCURRENCY: '1', EXECUTION_TIMEOUT: '4s' });
  });
  afterAll(() => service?.close());

  it('is not started: a queued run ends cancelled naming the suspension, a queued batch failed', async () => {
    const { key, accountId } = await service.createKey('enterprise');
    const database = service.app.get(DataSource);
    const statusOf = async (table: string, id: string) => (await database.query(`SELECT status FROM ${table} WHERE id = $1`, [id]))[0]?.status;
    // One run and two batches take the executor's slots (JOB_CONCURRENCY 1, two batch workers); the next of each waits.
    const busyModule = (await uploadModule(service.url, key, hostile('busy-loop'), 'busy')).body.id;
    const busy = await runThrough('POST /api/v1/execute', service.url, key, { wasm: hostile('busy-loop'), wait: false });
    const busyBatches = await Promise.all([1, 2].map(() => call(service.url, 'POST', `/api/v1/modules/${busyModule}/batches`, key, { runs: [{}], wait: false })));
    const running = async () => (await statusOf('executions', busy.body.id)) === 'running' && (await Promise.all(busyBatches.map((b) => statusOf('batches', b.body.id)))).every((status) => status === 'running');
    await until(running, 10_000);
    const queued = await runThrough('POST /api/v1/execute', service.url, key, { wasm: example('hello'), wait: false });
    const moduleId = (await uploadModule(service.url, key, example('hello'), 'hello')).body.id;
    const batch = await call(service.url, 'POST', `/api/v1/modules/${moduleId}/batches`, key, { runs: [{}], wait: false });
    expect(batch.status).toBe(202);
    expect((await service.admin('PATCH', `/api/v1/admin/accounts/${accountId}`, { status: 'suspended' })).status).toBe(200);

    // The account's key is refused now: the rows are read as they are. The run and the batch wait on
    // different workers, so neither one's end says the other's has come.
    await until(async () => (await statusOf('batches', batch.body.id)) === 'failed' && (await statusOf('executions', queued.body.id)) !== 'queued', 20_000);
    const [run] = await database.query('SELECT status, error, started_at FROM executions WHERE id = $1', [queued.body.id]);
    expect(run).toEqual({ status: 'cancelled', error: 'not started: the account was suspended while the run was queued', started_at: null });
    expect(await database.query('SELECT count(*)::int AS runs FROM executions WHERE batch_id = $1', [batch.body.id])).toEqual([{ runs: 0 }]);
    expect(await database.query('SELECT error FROM batches WHERE id = $1', [batch.body.id])).toEqual([{ error: 'the account was suspended before every run of the batch had started' }]);
    expect(await statusOf('executions', busy.body.id)).toBe('time_limit_exceeded');
  });

  it('stops a queued batch whose runs were waiting for a slot when the account is suspended: it ends failed, none of them run', async () => {
    const { key, accountId } = await service.createKey('free');
    const database = service.app.get(DataSource);
    const statusOf = async (table: string, id: string) => (await database.query(`SELECT status FROM ${table} WHERE id = $1`, [id]))[0]?.status;
    const busyModule = (await uploadModule(service.url, key, hostile('busy-loop'), 'busy')).body.id;
    const helloModule = (await uploadModule(service.url, key, example('hello'), 'hello')).body.id;
    // The free tier runs one at a time: this run holds the account's only slot for its 2 s.
    const busy = await call(service.url, 'POST', `/api/v1/modules/${busyModule}/executions`, key, { wait: false, timeoutMs: 2000 });
    await until(async () => (await statusOf('executions', busy.body.id)) === 'running', 10_000);
    const batch = await call(service.url, 'POST', `/api/v1/modules/${helloModule}/batches`, key, { runs: [{}, {}], wait: false });
    expect(batch.status).toBe(202);
    await until(async () => (await statusOf('batches', batch.body.id)) === 'running', 10_000);
    expect((await service.admin('PATCH', `/api/v1/admin/accounts/${accountId}`, { status: 'suspended' })).status).toBe(200);
    // Before: its lanes took the slot once the busy run ended and ran both; the batch ended completed.
    await until(async () => ['failed', 'completed'].includes(await statusOf('batches', batch.body.id)), 20_000);
    expect(await statusOf('batches', batch.body.id)).toBe('failed');
    expect(await database.query('SELECT count(*)::int AS runs FROM executions WHERE batch_id = $1', [batch.body.id])).toEqual([{ runs: 0 }]);
    // The day gives the two back (charged as the batch was accepted; they never ran): the busy run alone counts.
    expect((await service.admin('PATCH', `/api/v1/admin/accounts/${accountId}`, { status: 'active' })).status).toBe(200);
    const me = await call(service.url, 'GET', '/api/v1/me', key);
    expect(me.body.quota.day).toMatchObject({ limit: 100, remaining: 99 });
    // Its owner is told why, where before a failed batch said nothing of it.
    const view = await call(service.url, 'GET', `/api/v1/batches/${batch.body.id}`, key);
    expect(view.body).toMatchObject({ status: 'failed', error: 'the account was suspended before every run of the batch had started', results: [] });
  });

  it('ends a queued run whose module was deleted before it started cancelled, not as a fault of the service', async () => {
    const { key } = await service.createKey('free');
    const database = service.app.get(DataSource);
    const statusOf = async (id: string) => (await database.query('SELECT status FROM executions WHERE id = $1', [id]))[0]?.status;
    const busyModule = (await uploadModule(service.url, key, hostile('busy-loop'), 'busy')).body.id;
    const helloModule = (await uploadModule(service.url, key, example('hello'), 'hello')).body.id;
    const busy = await call(service.url, 'POST', `/api/v1/modules/${busyModule}/executions`, key, { wait: false, timeoutMs: 2000 });
    await until(async () => (await statusOf(busy.body.id)) === 'running', 10_000);
    const queued = await call(service.url, 'POST', `/api/v1/modules/${helloModule}/executions`, key, { wait: false });
    expect((await call(service.url, 'DELETE', `/api/v1/modules/${helloModule}`, key)).status).toBe(204);
    const record = await finalRecord(service.url, key, queued.body.id);
    // Before: internal_error.
    expect(record).toMatchObject({ status: 'cancelled' });
    expect(record.error).toMatch(/^the run did not start: its module could not be prepared: /);
  });
});

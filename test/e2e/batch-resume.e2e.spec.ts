import { example } from '../support/fixtures';
import { uploadModule } from '../support/http';
import { call, startTestApp, TestApp } from '../support/test-app';
import { finalBatch } from '../support/async-runs';
import { ExecutionsService } from '../../src/executions/executions.service';

const RUNS = 12;
/** Runs the first attempt of the batch ends before its executor "dies". */
const BEFORE_DYING = 5;

const dayLeft = async (service: TestApp, key: string) => (await call(service.url, 'GET', '/api/v1/me', key)).body.quota.day.remaining as number;

/**
 * The executor of batch runs "dies" (its job handler fails, so pg-boss retries the job, or gives
 * up after the last attempt) when `diesAt(runs started so far)` says so, as it would start a run.
 */
function dyingExecutor(service: TestApp, diesAt: (started: number) => boolean) {
  const executions = service.app.get(ExecutionsService);
  const runOfBatch = executions.runOfBatch.bind(executions);
  const state = { started: 0, deaths: 0 };
  const spy = jest.spyOn(executions, 'runOfBatch').mockImplementation(async (...args) => {
    if (diesAt(state.started)) {
      state.deaths++;
      throw new Error('the executor died');
    }
    state.started++;
    return runOfBatch(...args);
  });
  return { state, restore: () => spy.mockRestore() };
}

describe('a queued batch whose executor dies mid-batch', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
  }, 120_000);
  afterAll(() => service?.close());

  it('is resumed by its retry: each run recorded (and run) once, the results complete and in order, the day charged once', async () => {
    const { key } = await service.createKey('enterprise');
    const upload = await uploadModule(service.url, key, example('echo'), 'echo');
    // Once, as it starts a run past the first BEFORE_DYING: the runs it had begun end and are
    // recorded, no new one starts.
    let died = false;
    const executor = dyingExecutor(service, (started) => !died && started >= BEFORE_DYING && (died = true));
    try {
      const before = await dayLeft(service, key);
      const runs = Array.from({ length: RUNS }, (_, i) => ({ stdin: `run ${i}` }));
      const accepted = await call(service.url, 'POST', `/api/v1/modules/${upload.body.id}/batches`, key, { runs, wait: false });
      expect(accepted.status).toBe(202);
      const batch = await finalBatch(service.url, key, accepted.body.id);
      expect(batch.status).toBe('completed');
      expect(died).toBe(true);
      // No run ran twice: the retry ran only those its first attempt had not recorded.
      expect(executor.state.started).toBe(RUNS);
      expect(batch).toMatchObject({ total: RUNS, completed: RUNS, byStatus: { success: RUNS } });
      expect(batch.results.map((result: { stdout: string }) => result.stdout)).toEqual(runs.map((run) => run.stdin));

      const listed = (await call(service.url, 'GET', '/api/v1/executions?limit=100', key)).body.items.filter(
        (item: { batchId: string | null }) => item.batchId === accepted.body.id,
      );
      expect(listed.map((item: { batchIndex: number }) => item.batchIndex).sort((a: number, b: number) => a - b)).toEqual(runs.map((_, i) => i));
      // Each result is the answer of the run recorded at its place.
      const idAt = new Map(listed.map((item: { batchIndex: number; id: string }) => [item.batchIndex, item.id]));
      expect(batch.results.map((result: { id: string }) => result.id)).toEqual(runs.map((_, i) => idAt.get(i)));
      // Charged once, when the batch was accepted; counted once in the usage.
      expect(await dayLeft(service, key)).toBe(before - RUNS);
      expect((await call(service.url, 'GET', '/api/v1/usage', key)).body.totals.byStatus).toEqual({ success: RUNS });
    } finally {
      executor.restore();
    }
  }, 120_000);

  it('a waited batch whose executor dies mid-batch ends failed, every run that ended recorded', async () => {
    const { key } = await service.createKey('enterprise');
    const upload = await uploadModule(service.url, key, example('echo'), 'echo');
    let died = false;
    const executor = dyingExecutor(service, (started) => !died && started >= 3 && (died = true));
    try {
      const runs = Array.from({ length: 8 }, (_, i) => ({ stdin: `run ${i}` }));
      const answer = await call(service.url, 'POST', `/api/v1/modules/${upload.body.id}/batches`, key, { runs });
      expect(answer.status).toBe(500);
      const [batch] = (await call(service.url, 'GET', '/api/v1/batches?limit=1', key)).body.items;
      const ran = executor.state.started;
      expect(ran).toBeGreaterThanOrEqual(3);
      expect(batch).toMatchObject({ status: 'failed', error: "an internal error stopped the batch's runs", total: 8, completed: ran, byStatus: { success: ran } });
      const listed = (await call(service.url, 'GET', '/api/v1/executions?limit=100', key)).body.items.filter((item: { batchId?: string }) => item.batchId === batch.id);
      expect(listed).toHaveLength(ran);
      expect((await call(service.url, 'GET', '/api/v1/usage', key)).body.totals.byStatus).toEqual({ success: ran });
    } finally {
      executor.restore();
    }
  }, 120_000);

  it('ends failed, and is not left running, when every attempt dies: the runs recorded stay counted', async () => {
    const { key } = await service.createKey('enterprise');
    const upload = await uploadModule(service.url, key, example('echo'), 'echo');
    // The first run of the batch ends and is recorded; every attempt dies as it starts another.
    const executor = dyingExecutor(service, (started) => started >= 1);
    try {
      const runs = Array.from({ length: 4 }, (_, i) => ({ stdin: `run ${i}` }));
      const accepted = await call(service.url, 'POST', `/api/v1/modules/${upload.body.id}/batches`, key, { runs, wait: false });
      expect(accepted.status).toBe(202);
      const batch = await finalBatch(service.url, key, accepted.body.id);
      expect(batch).toMatchObject({ status: 'failed', error: "the batch's executor stopped during each of its 3 attempts", total: 4, completed: 1, byStatus: { success: 1 }, results: [] });
      expect(batch.finishedAt).not.toBeNull();
      expect(executor.state.started).toBe(1);
      // The first attempt and both retries died (each in every lane it had started).
      expect(executor.state.deaths).toBeGreaterThanOrEqual(3);
    } finally {
      executor.restore();
    }
  }, 120_000);
});

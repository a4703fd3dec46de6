import { performance } from 'node:perf_hooks';
import { SandboxPool } from '../../src/sandbox/sandbox-pool.service';
import { example, hostile } from '../support/fixtures';
import { postExecute, uploadModule } from '../support/http';
import { call, startTestApp, TestApp } from '../support/test-app';
import { ThreadProbe } from '../support/thread-probe';
import { until } from '../support/until';

const THREADS = 2;
/** The server-wide timeout: how long each busy loop of the heavy account runs. */
const LONG_RUN_MS = 1000;

describe('the sandbox pool through the API', () => {
  let probe: ThreadProbe;
  let service: TestApp;

  const setTier = async (tier: string, limits: Record<string, number>) => {
    const response = await service.admin('PATCH', `/api/v1/admin/tiers/${tier}`, limits);
    if (response.status !== 200) throw new Error(JSON.stringify(response.body));
  };

  beforeAll(async () => {
    probe = ThreadProbe.install();
    service = await startTestApp({ WORKER_THREADS: String(THREADS), EXECUTION_TIMEOUT: `${LONG_RUN_MS}ms`, MEMORY_LIMIT: '512MB' });
  });
  afterAll(async () => {
    await service.close();
    probe.uninstall();
  });

  it('answers a run stopped at its timeout, and gives its lease back, only once its thread has exited', async () => {
    await setTier('enterprise', { maxConcurrency: 1 });
    const { key } = await service.createKey('enterprise');
    const stored = await uploadModule(service.url, key, hostile('slow-to-stop'), 'slow-to-stop');
    expect(stored.status).toBe(201);
    // The account asks for another run as soon as the first one's thread is told to stop.
    const duringStop = new Promise<Awaited<ReturnType<typeof postExecute>>>((resolve) => {
      probe.once('terminate', () => resolve(postExecute(service.url, key, { wasm: example('hello') })));
    });
    const sentAt = performance.now();
    // Far below the time V8 takes to fill its tables (55–95 ms on this machine): a timeout of 100 ms
    // let a quick instantiation finish first, and the run succeed.
    const first = await call(service.url, 'POST', `/api/v1/modules/${stored.body.id}/executions`, key, { timeoutMs: 20 });
    const answeredAt = performance.now();
    expect(first.body.status).toBe('time_limit_exceeded');
    const stopped = probe.threads.filter((thread) => thread.terminateAt !== null && thread.terminateAt >= sentAt);
    expect(stopped.length).toBeGreaterThan(0);
    for (const thread of stopped) {
      expect(thread.exitedAt).not.toBeNull();
      expect(thread.exitedAt!).toBeLessThanOrEqual(answeredAt);
    }
    const second = await duringStop;
    expect(second.status).toBe(429);
    expect(second.body).toMatchObject({ code: 'rate_limited', policy: 'concurrency' });
    expect((await postExecute(service.url, key, { wasm: example('hello') })).body.status).toBe('success');
  });

  it("keeps a thread free of an account that fills the pool: another account's run starts at once, its own wait for each other", async () => {
    await setTier('pro', { requestsPerMinute: 1000, executionsPerDay: 100_000, maxConcurrency: 20 });
    const heavy = await service.createKey('pro');
    const light = await service.createKey('pro');
    const pool = service.app.get(SandboxPool);
    // WORKER_THREADS 2: the heavy account's share is one thread.
    const heavyRuns = 3;
    const heavyAnswers = Array.from({ length: heavyRuns }, () => postExecute(service.url, heavy.key, { wasm: hostile('busy-loop') }));
    await until(() => pool.running === 1 && pool.queueLength === heavyRuns - 1, 30_000);
    const lightAnswer = await postExecute(service.url, light.key, { wasm: example('hello') });
    const heavyBodies = (await Promise.all(heavyAnswers)).map((answer) => answer.body);
    expect(lightAnswer.body.status).toBe('success');
    expect(heavyBodies.map((body) => body.status)).toEqual(Array(heavyRuns).fill('time_limit_exceeded'));
    // It ran beside a heavy run, on the thread the heavy account could not take.
    expect(lightAnswer.body.queueMs).toBeLessThan(LONG_RUN_MS / 4);
    // The heavy account's runs went one after another: the last waited for the two before it.
    const waits = heavyBodies.map((body) => body.queueMs).sort((a, b) => a - b);
    expect(waits[heavyRuns - 1]).toBeGreaterThanOrEqual(2 * LONG_RUN_MS * 0.9);
  });
});

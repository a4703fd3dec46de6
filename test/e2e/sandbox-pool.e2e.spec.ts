import { performance } from 'node:perf_hooks';
import { example, hostile } from '../support/fixtures';
import { postExecute, uploadModule } from '../support/http';
import { call, startTestApp, TestApp } from '../support/test-app';
import { ThreadProbe } from '../support/thread-probe';

const THREADS = 2;

describe('the sandbox pool through the API', () => {
  let probe: ThreadProbe;
  let service: TestApp;

  const setTier = async (tier: string, limits: Record<string, number>) => {
    const response = await service.admin('PATCH', `/api/v1/admin/tiers/${tier}`, limits);
    if (response.status !== 200) throw new Error(JSON.stringify(response.body));
  };

  beforeAll(async () => {
    probe = ThreadProbe.install();
    service = await startTestApp({ WORKER_THREADS: String(THREADS), MEMORY_LIMIT: '512MB' });
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
    const first = await call(service.url, 'POST', `/api/v1/modules/${stored.body.id}/executions`, key, { timeoutMs: 100 });
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
});

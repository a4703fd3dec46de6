import { JobQueue } from '../../src/jobs/job-queue.service';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

describe.each([
  ['PostgreSQL', {}],
  ['the embedded default', { DATABASE_URL: '' }],
])('JobQueue on %s', (_name, env: Record<string, string>) => {
  let app: TestApp;
  let queue: JobQueue;
  const seen: { value: number; at: number }[] = [];

  beforeAll(async () => {
    app = await startTestApp({ ...env, WASMWIZ_ROLE: 'all' });
    queue = app.app.get(JobQueue);
    await queue.defineQueue('test-jobs', { retryLimit: 1, expireInSeconds: 30 });
    await queue.work<{ value: number }>('test-jobs', async (job) => void seen.push({ value: job.data.value, at: Date.now() }), { concurrency: 2 });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('works a job sent on its own, woken at once rather than at its polling interval', async () => {
    const sentAt = Date.now();
    await queue.send('test-jobs', { value: 1 });
    await until(() => seen.some((job) => job.value === 1), 10_000);
    // The fallback poll is 2 s: a job started well within it was woken.
    expect(seen.find((job) => job.value === 1)!.at - sentAt).toBeLessThan(1500);
  });

  it('commits a job with the transaction it joined, and drops it with one rolled back', async () => {
    await expect(
      queue.transaction(async (tx) => {
        await tx.send('test-jobs', { value: 2 });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await queue.transaction(async (tx) => {
      await tx.manager.query('SELECT 1');
      await tx.send('test-jobs', { value: 3 });
    });
    await until(() => seen.some((job) => job.value === 3), 10_000);
    expect(seen.some((job) => job.value === 2)).toBe(false);
  });
});

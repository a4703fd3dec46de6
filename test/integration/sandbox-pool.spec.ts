import { loadConfig } from '../../src/config/app-config';
import { MAX_TABLE_ELEMENTS } from '../../src/wasm-modules/module-validator';
import { SandboxPool } from '../../src/sandbox/sandbox-pool.service';
import { RunCancelledError } from '../../src/sandbox/run-cancelled.error';
import type { SandboxJob } from '../../src/sandbox/sandbox.types';
import { hostile, watFixture } from '../support/fixtures';
import { ThreadProbe } from '../support/thread-probe';

function job(module: WebAssembly.Module, timeoutMs: number, account = 'an account'): SandboxJob {
  return {
    account,
    module,
    argv: ['module.wasm'],
    env: {},
    stdin: new Uint8Array(0),
    files: [],
    limits: { maxModuleBytes: 1 << 20, maxInputBytes: 1 << 20, timeoutMs, memoryLimitBytes: 64 << 20, maxOutputBytes: 1 << 16 },
    maxTableElements: MAX_TABLE_ELEMENTS,
    importedMemory: null,
    refusedGrowExport: null,
    clock: 'real',
    randomSeed: null,
  };
}

const compiled = (wasm: Buffer) => new WebAssembly.Module(new Uint8Array(wasm));

/** The pool alone, no validation in front of it. */
describe('SandboxPool', () => {
  describe('on one thread', () => {
    let pool: SandboxPool;

    beforeAll(() => {
      pool = new SandboxPool(loadConfig({ NODE_ENV: 'test', WORKER_THREADS: '1' }));
    });
    afterAll(() => pool.close());

    it("counts a queued run's wait though its answer came before its start message", async () => {
      const long = pool.run(job(compiled(watFixture('count-down')), 60_000));
      const short = pool.run(job(compiled(watFixture('hello')), 60_000));
      const ran = await long;
      // The thread has just been given the short run. Keeping this thread busy meanwhile leaves
      // the short run's answer and its start message both waiting, and piscina's answer comes first.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
      const waited = await short;
      expect(waited.status).toBe('success');
      expect(waited.queueMs).toBeGreaterThanOrEqual(ran.durationMs / 2);
    });

    it('stops a cancelled run as soon as it has the thread, one still queued as it starts, and the thread serves the next run', async () => {
      const busy = compiled(hostile('busy-loop'));
      const first = new AbortController();
      const second = new AbortController();
      const running = pool.run({ ...job(busy, 60_000), signal: first.signal });
      const queued = pool.run({ ...job(busy, 60_000), signal: second.signal });
      // The queued run (waiting for its account's thread) is refused as its signal aborts: both are awaited before.
      const refusals = Promise.all([expect(running).rejects.toBeInstanceOf(RunCancelledError), expect(queued).rejects.toBeInstanceOf(RunCancelledError)]);
      second.abort();
      first.abort();
      await refusals;
      await expect(pool.run({ ...job(busy, 60_000), signal: AbortSignal.abort() })).rejects.toBeInstanceOf(RunCancelledError);
      expect((await pool.run(job(compiled(watFixture('hello')), 60_000))).status).toBe('success');
    }, 20_000);
  });

  /** Whatever a module makes its thread do after its timeout, the threads alive never outnumber the pool. */
  describe('with runs whose threads are slow to stop', () => {
    const THREADS = 2;
    /** Far below the time slow-to-stop's thread takes to stop, so that every one of them outlives it. */
    const STOP_GRACE_MS = 20;
    let probe: ThreadProbe;
    let pool: SandboxPool;

    beforeAll(() => {
      probe = ThreadProbe.install();
      const config = loadConfig({ NODE_ENV: 'test', WORKER_THREADS: String(THREADS) });
      pool = new SandboxPool({ ...config, pool: { ...config.pool, stopGraceMs: STOP_GRACE_MS } });
    });
    afterAll(async () => {
      await pool.close();
      probe.uninstall();
    });

    it('answers each run past the stop grace while its thread keeps its place in the pool', async () => {
      const slow = compiled(hostile('slow-to-stop'));
      const hello = compiled(watFixture('hello'));
      const slowRuns = Array.from({ length: THREADS * 3 }, () => pool.run(job(slow, 20, 'heavy')));
      const other = pool.run(job(hello, 60_000, 'light'));
      for (const result of await Promise.all(slowRuns)) expect(result.status).toBe('time_limit_exceeded');
      expect((await other).status).toBe('success');
      expect(probe.peakLive).toBeLessThanOrEqual(THREADS);
      // Once the stragglers are gone the pool runs again.
      await probe.untilNoneStopping();
      expect((await pool.run(job(hello, 60_000))).status).toBe('success');
      expect(probe.peakLive).toBeLessThanOrEqual(THREADS);
    });
  });
});

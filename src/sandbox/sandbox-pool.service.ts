import { Inject, Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { Piscina, queueOptionsSymbol } from 'piscina';
import { OutputLayout, RunEnding, SandboxOutcome, SandboxTask } from '../../workers/protocol';
import { NO_FILES, type CollectedFiles } from '../../workers/output-files';
import type { SandboxStatus } from '../common/execution-statuses';
import { PAGE_BYTES } from '../common/wasm-binary/wasm-page';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { MAX_TABLE_ELEMENTS } from '../wasm-modules/module-validator';
import { AccountThreadShares } from './account-thread-shares';
import { FairlyQueued, FairTaskQueue } from './fair-task-queue';
import { PoolSaturatedException } from './pool-saturated.error';
import { PoolThreads } from './pool-threads';
import { RunCancelledError } from './run-cancelled.error';
import { SharedBuffers } from './shared-buffers';
import { SandboxJob, SandboxResult } from './sandbox.types';
import { compiledFile } from '../common/paths';

const WORKER_FILE = compiledFile('workers', 'wasi-worker');
/** JS heap of one worker: the engine's own state, not the guest's linear memory. */
const WORKER_HEAP_MB = 128;
/**
 * Young generation of one worker. Runs allocate little that survives them, so a larger one only
 * holds more garbage. Since workers keep guest memories (no more fresh wasm memories pressing V8
 * into frequent full collections), each worker's heap grew with a larger one; this size lowers the
 * RSS peak at the same pool throughput (figures in the README's Performance section).
 */
const WORKER_YOUNG_MB = 8;

/**
 * How a run ended, from the worker or from the pool (which alone knows of timeouts), with the
 * files it brought back: none when its worker was stopped or died, for they lived in its memory.
 */
type Ending = Omit<RunEnding, 'status'> & { status: SandboxStatus } & CollectedFiles;

/** What came first for a run: its worker's answer, a failure of the task, its timeout, or its cancel. */
type Settled = { outcome: SandboxOutcome } | { error: unknown } | { timedOut: true } | { cancelled: true };

/** How often a cancelled run still waiting for a thread is looked at, to be stopped once it has one. */
const CANCELLED_WAIT_CHECK_MS = 10;

/** A run as the pool saw it: what came first, and when and on which thread it started (if it did). */
interface Dispatched {
  settled: Settled;
  startedAt: number | null;
  threadId: number;
}

/**
 * The piscina pool that runs guests. One account's runs hold at most its share of the threads
 * (AccountThreadShares), and runs wait in a queue that is fair between accounts. A run's
 * timeout counts from the moment a worker picks it up (not from when it was queued); past it its
 * thread is terminated, and the run is answered once the thread has exited (piscina then starts a
 * fresh one, so capacity comes back by itself) or, if V8 keeps it busy, after `stopGraceMs`. The
 * answer gives the account's concurrency lease back, so the lease is held while the thread runs.
 * A run whose signal is aborted (a cancelled async run) is stopped the same way, at once.
 * A thread that outlives the grace keeps its place in the pool until it exits (see PoolThreads).
 */
@Injectable()
export class SandboxPool {
  private readonly logger = new Logger(SandboxPool.name);
  private readonly pool: Piscina;
  private readonly buffers = new SharedBuffers();
  private readonly threadsOf = new PoolThreads();
  /** The stdin buffers handed out by stdinBuffer and not yet run. */
  private readonly stdinBuffers = new WeakSet<ArrayBufferLike>();
  private nextRunId = 1;
  private inFlight = 0;
  private readonly shares: AccountThreadShares;
  private onIdle: (() => void) | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // The second line behind the per-module caps: no wasm memory or table in this process may pass them.
    setFlagsFromString(`--wasm-max-mem-pages=${Math.ceil(config.ceilings.memoryLimitBytes / PAGE_BYTES)}`);
    setFlagsFromString(`--wasm-max-table-size=${MAX_TABLE_ELEMENTS}`);
    this.shares = new AccountThreadShares(config.pool.threadsPerAccount);
    this.pool = new Piscina({
      filename: WORKER_FILE,
      minThreads: config.pool.threads,
      maxThreads: config.pool.threads,
      // The bound is the pool's own (see `saturated`): a refusal from piscina would be an Error told only by its text.
      maxQueue: Infinity,
      idleTimeout: 60_000,
      taskQueue: new FairTaskQueue((account) => this.shares.inPool(account)),
      // A run that finds no thread for it goes back to the head of its account's line.
      stricterFIFO: true,
      loadBalancer: this.threadsOf.balancer,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    });
    this.threadsOf.watch(this.pool);
    this.pool.on('error', (error: Error) => this.logger.error(`worker error: ${error.message}`));
  }

  get threads(): number {
    return this.config.pool.threads;
  }

  /** Runs waiting for a thread: in piscina's queue, or for their account's share of the threads. */
  get queueLength(): number {
    return this.pool.queueSize + this.shares.waitingRuns;
  }

  get running(): number {
    return Math.max(0, this.inFlight - this.queueLength);
  }

  /** Threads told to stop at a run's timeout that have not exited yet. */
  get stoppingThreads(): number {
    return this.threadsOf.stoppingCount;
  }

  get utilization(): number {
    return this.pool.utilization;
  }

  /** True while the pool can take work: it has threads and its queue is not full. */
  get healthy(): boolean {
    return this.pool.threads.length > 0 && this.pool.queueSize < this.config.pool.maxQueue;
  }

  /**
   * Room for `length` bytes of stdin in a buffer the workers read in place: a run whose stdin is
   * (a view from the start of) it takes it as it is, where any other stdin is copied into one.
   */
  stdinBuffer(length: number): Uint8Array<SharedArrayBuffer> {
    const buffer = this.buffers.takeInput(length);
    this.stdinBuffers.add(buffer.buffer);
    return buffer;
  }

  async run(job: SandboxJob): Promise<SandboxResult> {
    if (job.signal?.aborted) throw new RunCancelledError();
    if (this.saturated) throw new PoolSaturatedException(this.queueLength, this.retryAfterSeconds());
    const enqueuedAt = performance.now();
    this.inFlight++;
    try {
      const share = this.shares.take(job.account, job.signal);
      if (share) await share;
      try {
        return await this.runInShare(job, enqueuedAt);
      } finally {
        this.shares.give(job.account);
      }
    } finally {
      this.release();
    }
  }

  private async runInShare(job: SandboxJob, enqueuedAt: number): Promise<SandboxResult> {
    const output = new OutputLayout(this.buffers.take(OutputLayout.bytesFor(job.limits.maxOutputBytes)), job.limits.maxOutputBytes);
    output.header.fill(0);
    const stdin = this.stdinBuffers.delete(job.stdin.buffer) ? (job.stdin as Uint8Array<SharedArrayBuffer>) : this.buffers.takeCopy(job.stdin);
    const dispatched = await this.dispatch(job, output, stdin);
    return this.conclude(dispatched, job, enqueuedAt, output, stdin);
  }

  /** The result of a run once its thread is done with it: exited, or still stopping past the grace. */
  private async conclude(
    { settled, startedAt, threadId }: Dispatched,
    job: SandboxJob,
    enqueuedAt: number,
    output: OutputLayout,
    stdin: Uint8Array<SharedArrayBuffer>,
  ): Promise<SandboxResult> {
    const queueMs = startedAt === null ? 0 : startedAt - enqueuedAt;
    const grace = this.config.pool.stopGraceMs;
    if ('outcome' in settled) {
      this.reuse(output, stdin);
      return this.result(output, settled.outcome, Math.max(0, queueMs));
    }
    if ('error' in settled) {
      // A worker that died under its guest may still be exiting.
      if (startedAt !== null && (await this.threadsOf.exitWithin(threadId, grace))) this.reuse(output, stdin);
      return this.result(output, this.crashOutcome(settled.error), queueMs);
    }
    if ('cancelled' in settled) {
      if (await this.threadsOf.stop(threadId, grace)) this.reuse(output, stdin);
      throw new RunCancelledError();
    }
    const stopped = await this.threadsOf.stop(threadId, grace);
    if (stopped) this.reuse(output, stdin);
    const guest = output.guestEnding;
    if (guest) return this.result(output, this.collectionCutEnding(guest, job.limits.timeoutMs), queueMs);
    return this.result(output, this.timeoutEnding(job.limits.timeoutMs, startedAt!, stopped), queueMs);
  }

  /** The guest ended in time, and its worker was stopped at the limit while it looked for the files `outputFiles` names. */
  private collectionCutEnding(guest: NonNullable<OutputLayout['guestEnding']>, timeoutMs: number): Ending {
    const error = `its files were not collected: matching \`outputFiles\` against them ran past the time limit of ${timeoutMs} ms`;
    return { ...guest, error, ...NO_FILES };
  }

  /**
   * No room for one more run: every place (threads and queue) is taken, or the queue is full
   * because threads stopping past their grace still hold places. Decided here, in the same
   * synchronous turn as the hand-over to piscina, so piscina itself, whose queue has no bound,
   * never refuses a task.
   */
  private get saturated(): boolean {
    return this.inFlight >= this.config.pool.threads + this.config.pool.maxQueue || this.queueLength >= Math.max(1, this.config.pool.maxQueue);
  }

  private release(): void {
    if (--this.inFlight === 0) this.onIdle?.();
  }

  /** Hands the run to piscina and waits for its answer or its timeout, which counts from its start. */
  private dispatch(job: SandboxJob, output: OutputLayout, stdin: Uint8Array<SharedArrayBuffer>): Promise<Dispatched> {
    const runId = this.nextRunId++;
    const task: FairlyQueued<SandboxTask> = {
      runId,
      module: job.module,
      engine: this.config.pool.engine,
      argv: job.argv,
      env: job.env,
      stdin,
      files: job.files,
      memoryLimitBytes: job.limits.memoryLimitBytes,
      maxTableElements: job.maxTableElements,
      importedMemory: job.importedMemory,
      refusedGrowExport: job.refusedGrowExport,
      clock: job.clock,
      randomSeed: job.randomSeed,
      outputFiles: job.outputFiles ?? [],
      output: output.buffer,
      [queueOptionsSymbol]: { account: job.account },
    };
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      let answered = false;
      const settle = (settled: Settled) => {
        clearTimeout(timer);
        job.signal?.removeEventListener('abort', stopCancelled);
        if (answered) return;
        answered = true;
        const start = output.start;
        resolve({ settled, startedAt: start && performance.now() - start.nsAgo / 1e6, threadId: start?.thread ?? 0 });
      };
      // The timeout counts from the start the worker marks in the output header: looked at when
      // it could first have passed, and again for what is left of it (or, still queued, in full).
      const watch = () => {
        const start = output.start;
        const leftMs = start ? job.limits.timeoutMs - start.nsAgo / 1e6 : job.limits.timeoutMs;
        if (start && leftMs <= 0) settle({ timedOut: true });
        else timer = setTimeout(watch, Math.max(1, leftMs));
      };
      // A cancelled run is stopped as a timed-out one is, once it has a thread: a run still in
      // piscina's queue cannot be taken out of it (see below), so it is stopped as it starts.
      const stopCancelled = () => {
        clearTimeout(timer);
        if (output.start) settle({ cancelled: true });
        else timer = setTimeout(stopCancelled, CANCELLED_WAIT_CHECK_MS);
      };
      timer = setTimeout(watch, job.limits.timeoutMs);
      job.signal?.addEventListener('abort', stopCancelled, { once: true });
      // No abort signal to piscina: it keeps an abortable task out of the fair queue (in a first
      // come, first served line of its own), and aborts a run by dropping its thread before it exited.
      this.pool.run(task).then(
        (outcome: SandboxOutcome) => settle({ outcome }),
        (error: unknown) => settle({ error }),
      );
    });
  }

  /**
   * Only buffers whose worker finished its task, or exited, are reused: a worker told to stop
   * might still be writing into its output, or reading its input, until it is gone.
   */
  private reuse(output: OutputLayout, stdin: Uint8Array<SharedArrayBuffer>): void {
    this.buffers.give(output.buffer);
    this.buffers.give(stdin.buffer);
  }

  private timeoutEnding(timeoutMs: number, startedAt: number, stopped: boolean): Ending {
    const ranMs = performance.now() - startedAt;
    const error = stopped
      ? `stopped after ${Math.round(ranMs)} ms: the limit is ${timeoutMs} ms`
      : `told to stop at the limit of ${timeoutMs} ms and still running ${Math.round(ranMs)} ms after it started`;
    return { status: 'time_limit_exceeded', exitCode: null, error, runMs: ranMs, ...NO_FILES };
  }

  /** A worker that died under the guest (heap limit, engine fault) is reported, never rethrown. */
  private crashOutcome(error: unknown): Ending {
    const code = (error as { code?: string })?.code;
    if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
      return { status: 'memory_limit_exceeded', exitCode: null, error: 'the sandbox ran out of memory', runMs: 0, ...NO_FILES };
    }
    const message = error instanceof Error ? error.message : String(error);
    this.logger.error(`sandbox task failed: ${message}`);
    return { status: 'internal_error', exitCode: null, error: `the sandbox failed: ${message}`, runMs: 0, ...NO_FILES };
  }

  private result(output: OutputLayout, outcome: Ending, queueMs: number): SandboxResult {
    const truncatedFd = output.truncatedFd;
    return {
      status: outcome.status,
      exitCode: outcome.exitCode,
      stdout: Buffer.from(output.stdout.subarray(0, output.stdoutLength)),
      stderr: Buffer.from(output.stderr.subarray(0, output.stderrLength)),
      stdoutTruncated: truncatedFd === 1,
      stderrTruncated: truncatedFd === 2,
      durationMs: round(outcome.runMs),
      queueMs: round(queueMs),
      memoryPeakBytes: output.memoryBytes,
      error: outcome.error,
      files: outcome.files,
      filesOmitted: outcome.filesOmitted,
    };
  }

  private retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.config.ceilings.timeoutMs / 1000));
  }

  /**
   * Waits for every run to be answered, then stops the workers. Not piscina's close: it would
   * also wait, up to its own timeout, for threads still stopping after their runs were answered.
   */
  async close(): Promise<void> {
    if (this.inFlight > 0) await new Promise<void>((resolve) => (this.onIdle = resolve));
    await this.pool.destroy();
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
// The module object itself (not an import namespace copy), so replacing its Worker reaches piscina.
import workerThreads = require('node:worker_threads');

/** One worker thread as the probe saw it, times from performance.now(). */
export interface ProbedThread {
  startedAt: number;
  terminateAt: number | null;
  exitedAt: number | null;
}

const OriginalWorker = workerThreads.Worker;

/**
 * Watches every worker thread this process starts from the moment it is installed, as the
 * operating system sees them: started, asked to terminate, exited. It replaces the Worker class
 * on the `worker_threads` module, which piscina reads each time it starts a thread, so what it
 * counts does not depend on the pool's own bookkeeping. Emits 'terminate' (synchronously, as
 * terminate() is called) and 'exit' with the ProbedThread.
 */
export class ThreadProbe extends EventEmitter {
  readonly threads: ProbedThread[] = [];
  /** The most threads alive at once since the probe was installed (or last reset). */
  peakLive = 0;

  static install(): ThreadProbe {
    const probe = new ThreadProbe();
    class ProbedWorker extends OriginalWorker {
      private readonly probed: ProbedThread;

      constructor(...args: ConstructorParameters<typeof OriginalWorker>) {
        super(...args);
        this.probed = probe.started();
        this.once('exit', () => probe.exited(this.probed));
      }

      override terminate(): Promise<number> {
        probe.terminating(this.probed);
        return super.terminate();
      }
    }
    (workerThreads as { Worker: typeof OriginalWorker }).Worker = ProbedWorker;
    return probe;
  }

  uninstall(): void {
    (workerThreads as { Worker: typeof OriginalWorker }).Worker = OriginalWorker;
  }

  get live(): number {
    return this.threads.filter((thread) => thread.exitedAt === null).length;
  }

  /** Threads asked to terminate that have not exited yet. */
  get stopping(): ProbedThread[] {
    return this.threads.filter((thread) => thread.terminateAt !== null && thread.exitedAt === null);
  }

  /** Resolves once every thread asked to terminate has exited. */
  async untilNoneStopping(): Promise<void> {
    while (this.stopping.length > 0) await new Promise((resolve) => this.once('exit', resolve));
  }

  private started(): ProbedThread {
    const thread: ProbedThread = { startedAt: performance.now(), terminateAt: null, exitedAt: null };
    this.threads.push(thread);
    this.peakLive = Math.max(this.peakLive, this.live);
    return thread;
  }

  private terminating(thread: ProbedThread): void {
    if (thread.terminateAt !== null || thread.exitedAt !== null) return;
    thread.terminateAt = performance.now();
    this.emit('terminate', thread);
  }

  private exited(thread: ProbedThread): void {
    thread.exitedAt = performance.now();
    this.emit('exit', thread);
  }
}

import type { Worker } from 'node:worker_threads';
import type { Piscina } from 'piscina';

type LoadBalancer = NonNullable<NonNullable<ConstructorParameters<typeof Piscina>[0]>['loadBalancer']>;

interface Thread {
  worker: Worker;
  exited: Promise<void>;
}

/**
 * The pool's threads, each until it has really exited. A thread told to stop keeps its place in
 * piscina's pool, so piscina starts none in its place until it has exited, and it is given no
 * more runs (`balancer`) meanwhile: however long V8 keeps it busy after its run's timeout, the
 * threads alive never outnumber the pool's size.
 */
export class PoolThreads {
  private pool: Piscina | null = null;
  private readonly threads = new Map<number, Thread>();
  private readonly stopping = new Set<number>();

  /** Piscina's choice of a thread for a run: any idle one that is not stopping. */
  readonly balancer: LoadBalancer = (_task, workers) => {
    for (const worker of workers) if (worker.currentUsage === 0 && !this.stopping.has(worker.id)) return worker;
    return null;
  };

  watch(pool: Piscina): void {
    this.pool = pool;
    pool.on('workerCreate', ({ id }: { id: number }) => this.track(id));
  }

  /** Threads told to stop that have not exited yet. */
  get stoppingCount(): number {
    return this.stopping.size;
  }

  /** Tells the thread to stop; true once it has exited, false if it is still alive after `graceMs`. */
  stop(threadId: number, graceMs: number): Promise<boolean> {
    const thread = this.threads.get(threadId);
    if (!thread) return Promise.resolve(true);
    this.stopping.add(threadId);
    void thread.worker.terminate();
    return this.exitWithin(threadId, graceMs);
  }

  /** True once the thread has exited, false if it is still alive after `graceMs`. */
  exitWithin(threadId: number, graceMs: number): Promise<boolean> {
    const thread = this.threads.get(threadId);
    if (!thread) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, graceMs, false);
      void thread.exited.then(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private track(threadId: number): void {
    const worker = this.pool?.threads.find((candidate) => candidate.threadId === threadId);
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    this.threads.set(threadId, { worker, exited });
    void exited.then(() => {
      this.threads.delete(threadId);
      this.stopping.delete(threadId);
    });
  }
}

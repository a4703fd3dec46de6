import { queueOptionsSymbol, type TaskQueue } from 'piscina';

type Task = Parameters<TaskQueue['push']>[0];

/** What a task tells the queue about itself, under piscina's `queueOptionsSymbol`. */
export interface FairQueueOptions {
  account: string;
}

/** A task as the pool hands it to piscina; symbol-keyed properties are not copied to the worker. */
export type FairlyQueued<T> = T & { [queueOptionsSymbol]: FairQueueOptions };

function accountOf(task: Task): string {
  return (task[queueOptionsSymbol] as FairQueueOptions | null)?.account ?? '';
}

/**
 * Piscina's queue of runs waiting for a thread, one line per account. The next free thread goes
 * to the waiting account with the fewest runs on threads (`inPool(account)` counts its runs in
 * the pool, waiting ones included), the one served longest ago among equals: a light account's
 * run waits for the first thread that frees, at most about one run of an account that fills the
 * pool, and accounts that fill it alike take turns. The map's order is the turn order: an
 * account goes to the back each time it is served, and leaves when its line is empty.
 */
export class FairTaskQueue implements TaskQueue {
  private lines = new Map<string, Task[]>();
  private count = 0;

  constructor(private readonly inPool: (account: string) => number) {}

  get size(): number {
    return this.count;
  }

  push(task: Task): void {
    const account = accountOf(task);
    const line = this.lines.get(account);
    if (line) line.push(task);
    else this.lines.set(account, [task]);
    this.count++;
  }

  shift(): Task | null {
    const account = this.nextAccount();
    if (account === null) return null;
    const line = this.lines.get(account)!;
    const task = line.shift()!;
    this.count--;
    this.lines.delete(account);
    if (line.length > 0) this.lines.set(account, line);
    return task;
  }

  /** A task that found no thread: back to the head of its line, and its account to the front. */
  unshift(task: Task): void {
    const account = accountOf(task);
    const line = this.lines.get(account) ?? [];
    line.unshift(task);
    this.count++;
    this.lines.delete(account);
    this.lines = new Map([[account, line], ...this.lines]);
  }

  remove(task: Task): void {
    const account = accountOf(task);
    const line = this.lines.get(account);
    const index = line?.indexOf(task) ?? -1;
    if (index === -1) return;
    line!.splice(index, 1);
    this.count--;
    if (line!.length === 0) this.lines.delete(account);
  }

  private nextAccount(): string | null {
    let next: string | null = null;
    let fewest = Infinity;
    for (const [account, line] of this.lines) {
      const onThreads = this.inPool(account) - line.length;
      if (onThreads < fewest) {
        next = account;
        fewest = onThreads;
      }
    }
    return next;
  }
}

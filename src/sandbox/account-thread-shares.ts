import { RunCancelledError } from './run-cancelled.error';

interface Waiter {
  admit: () => void;
  cancel: () => void;
}

/**
 * How many of the pool's threads one account's runs may hold at once. The fair queue only
 * chooses among runs that wait, and a run cannot be taken off its thread before its timeout: an
 * account whose runs took every thread would make every other account wait that long. Past its
 * share, an account's run waits here (in the order it came) until one of its own runs is done,
 * so a thread stays free for the others. Runs within their share go to piscina at once.
 */
export class AccountThreadShares {
  /** Runs handed to piscina by account: on threads or in its queue. */
  private readonly handed = new Map<string, number>();
  private readonly waiting = new Map<string, Waiter[]>();
  private waitingCount = 0;

  constructor(private readonly perAccount: number) {}

  /** Runs waiting here for their account's share. */
  get waitingRuns(): number {
    return this.waitingCount;
  }

  /** The account's runs in piscina, for the fair queue. */
  inPool(account: string): number {
    return this.handed.get(account) ?? 0;
  }

  /**
   * A place for one more run of the account: null when it has one now, else a promise kept when
   * it gets one, or rejected with RunCancelledError when the signal aborts meanwhile.
   */
  take(account: string, signal?: AbortSignal): Promise<void> | null {
    const handed = this.inPool(account);
    if (handed < this.perAccount) {
      this.handed.set(account, handed + 1);
      return null;
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        admit: () => {
          signal?.removeEventListener('abort', waiter.cancel);
          resolve();
        },
        cancel: () => {
          this.leaveLine(account, waiter);
          reject(new RunCancelledError());
        },
      };
      signal?.addEventListener('abort', waiter.cancel, { once: true });
      const line = this.waiting.get(account);
      if (line) line.push(waiter);
      else this.waiting.set(account, [waiter]);
      this.waitingCount++;
    });
  }

  /** A run of the account is done with its thread: its place goes to the account's next waiting run. */
  give(account: string): void {
    const line = this.waiting.get(account);
    const next = line?.shift();
    if (next) {
      this.afterShift(account, line!);
      next.admit();
      return;
    }
    const handed = this.inPool(account) - 1;
    if (handed <= 0) this.handed.delete(account);
    else this.handed.set(account, handed);
  }

  private leaveLine(account: string, waiter: Waiter): void {
    const line = this.waiting.get(account)!;
    line.splice(line.indexOf(waiter), 1);
    this.afterShift(account, line);
  }

  private afterShift(account: string, line: Waiter[]): void {
    this.waitingCount--;
    if (line.length === 0) this.waiting.delete(account);
  }
}

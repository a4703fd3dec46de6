/** How often the keeper looks for leases to renew: a lease is renewed once half its expiry has passed. */
const KEEP_CHECK_MS = 1_000;

/** A lease as the keeper sees it. */
export interface KeptLease {
  /** Past the longest its holder can need it without asking again: left to lapse. */
  pastLifetime(nowMs: number): boolean;
  /** Half its expiry has passed since it was taken or renewed. */
  outlived(): boolean;
  /** Its expiry renewed, its lifetime as it was. */
  refresh(): Promise<unknown>;
}

/**
 * Renews the concurrency leases this process holds while their holders may still need them. A
 * lease's expiry in Redis is short (LEASE_TTL_MS), so the slots of a process killed with its runs
 * come back within it, where an expiry long enough for the longest run held them for the run's
 * timeout and a minute. A lease is kept for its lifetime at most: one whose holder never gives it
 * back (a fault) lapses after it, as before.
 */
export class LeaseKeeper {
  private readonly held = new Set<KeptLease>();
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => this.renewDue(), KEEP_CHECK_MS);
    this.timer.unref();
  }

  keep(lease: KeptLease): void {
    this.held.add(lease);
  }

  forget(lease: KeptLease): void {
    this.held.delete(lease);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private renewDue(): void {
    const now = Date.now();
    for (const lease of this.held) {
      if (lease.pastLifetime(now)) this.held.delete(lease);
      else if (lease.outlived()) void lease.refresh();
    }
  }
}

/** How long a given-back lease may wait for the account's next decision to carry it to Redis. */
export const RELEASE_LINGER_MS = 25;

interface PendingRelease {
  leaseId: string;
  done: (error?: Error) => void;
}

/**
 * Leases given back and not yet removed in Redis, by account. The account's next decision takes
 * them along in its own script (one round trip per execution under load instead of two); those
 * no decision took within RELEASE_LINGER_MS are sent together in one pipeline. Each release's
 * promise settles when Redis has removed its lease, or fails with the command that carried it.
 */
export class LeaseReleases {
  private pending = new Map<string, PendingRelease[]>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly send: (leases: ReadonlyMap<string, readonly string[]>) => Promise<void>) {}

  add(accountId: string, leaseId: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (error?: Error) => (error ? reject(error) : resolve());
      const list = this.pending.get(accountId);
      if (list) list.push({ leaseId, done });
      else this.pending.set(accountId, [{ leaseId, done }]);
      this.timer ??= setTimeout(() => void this.flush(), RELEASE_LINGER_MS);
    });
  }

  /** The account's pending lease ids, handed to the decision that carries them, and how to settle them. */
  take(accountId: string): { leaseIds: string[]; settle: (error?: Error) => void } {
    const list = this.pending.get(accountId);
    if (!list) return NOTHING;
    this.pending.delete(accountId);
    return { leaseIds: list.map((release) => release.leaseId), settle: (error) => list.forEach((release) => release.done(error)) };
  }

  /** Sends every pending release now (at the timer, and before the connection closes). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const leases = new Map([...batch].map(([accountId, list]) => [accountId, list.map((release) => release.leaseId)]));
    const settle = (error?: Error) => batch.forEach((list) => list.forEach((release) => release.done(error)));
    await this.send(leases).then(() => settle(), settle);
  }
}

const NOTHING = { leaseIds: [] as string[], settle: () => undefined };

import type { QuotaDecision, QuotaLimits } from './quota-policy';

/** Where decisions are made: Redis (shared by every instance) or this process's memory. */
export interface QuotaBackend {
  readonly name: 'redis' | 'memory';
  /**
   * take = false only reads (for /me); take = true decides and, when allowed, takes a lease and
   * `executions` from the day (all of them or, when fewer are left, none). withSlot = false takes
   * the minute and the day alone, whatever the concurrency (a run that is queued).
   */
  decide(accountId: string, limits: QuotaLimits, leaseId: string, take: boolean, executions?: number, withSlot?: boolean): Promise<QuotaDecision>;
  /**
   * Takes a concurrency lease alone (no minute, no day) when fewer than `maxConcurrency` are held,
   * or when `leaseId` is one of them; false when the account has none free.
   */
  lease(accountId: string, maxConcurrency: number, leaseId: string, ttlMs: number): Promise<boolean>;
  /** `now`: sent at once rather than with the account's next decision (Redis). */
  release(accountId: string, leaseId: string, now?: boolean): Promise<void>;
  /** Gives `executions` back to the account's day `day` (UTC day number), if that day is still counted. */
  refund(accountId: string, day: number, executions: number): Promise<void>;
  /** Counts a failed authentication from `address`; false once it is over its budget. */
  authFailure(address: string, perMinute: number): Promise<{ allowed: boolean; retryAfterMs: number }>;
}

import type Redis from 'ioredis';
import { withDeadline } from '../redis/deadline';
import { CONCURRENCY_RETRY_MS } from './gcra';
import { LeaseReleases } from './lease-releases';
import { QuotaBackend } from './quota-backend';
import type { QuotaDecision, QuotaLimits } from './quota-policy';
import { accountKeys, AUTH_FAILURE_SCRIPT, authFailureKey, DENIED_POLICIES, LEASE_SCRIPT, QUOTA_SCRIPT, REFUND_SCRIPT } from './redis-quota.script';

type QuotaReply = [number, number, number, number, number, number, number, number, number, number];

interface QuotaCommands {
  wwQuota(minute: string, day: string, leases: string, ...args: (string | number)[]): Promise<QuotaReply>;
  wwLease(leases: string, ...args: (string | number)[]): Promise<number>;
  wwAuthFailure(key: string, perMinute: number): Promise<[number, number]>;
  wwRefund(day: string, dayNumber: number, executions: number): Promise<number>;
}

/**
 * The Lua scripts registered with defineCommand: one EVALSHA per decision (ioredis sends the
 * script itself once when Redis answers NOSCRIPT, e.g. after a Redis restart). A lease given
 * back rides along with its account's next decision (LeaseReleases).
 */
export class RedisQuotaBackend implements QuotaBackend {
  readonly name = 'redis' as const;
  private readonly redis: Redis & QuotaCommands;
  private readonly releases = new LeaseReleases((leases) => this.removeLeases(leases));

  /** `deadlineMs`: how long each command may take before it counts as failed (see withDeadline). */
  constructor(
    client: Redis,
    private readonly deadlineMs = Infinity,
  ) {
    client.defineCommand('wwQuota', { numberOfKeys: 3, lua: QUOTA_SCRIPT });
    client.defineCommand('wwLease', { numberOfKeys: 1, lua: LEASE_SCRIPT });
    client.defineCommand('wwAuthFailure', { numberOfKeys: 1, lua: AUTH_FAILURE_SCRIPT });
    client.defineCommand('wwRefund', { numberOfKeys: 1, lua: REFUND_SCRIPT });
    this.redis = client as Redis & QuotaCommands;
  }

  async decide(accountId: string, limits: QuotaLimits, leaseId: string, take: boolean, executions = 1, withSlot = true): Promise<QuotaDecision> {
    const [minuteKey, dayKey, leasesKey] = accountKeys(accountId);
    const reply = await this.carrying(accountId, (carried) =>
      this.redis.wwQuota(
        minuteKey,
        dayKey,
        leasesKey,
        limits.requestsPerMinute,
        limits.executionsPerDay,
        limits.maxConcurrency,
        leaseId,
        limits.leaseTtlMs,
        take ? (withSlot ? 1 : 2) : 0,
        CONCURRENCY_RETRY_MS,
        executions,
        ...carried,
      ),
    );
    // Integer replies arrive as numbers.
    const [allowed, denied, minuteRemaining, minuteReset, dayUsed, dayReset, inFlight, retryAfter, now, others] = reply;
    return {
      allowed: allowed === 1,
      denied: DENIED_POLICIES[denied] ?? null,
      slotOnly: allowed === 0 && others === 0,
      minute: { limit: limits.requestsPerMinute, remaining: minuteRemaining, resetMs: minuteReset },
      day: { limit: limits.executionsPerDay, remaining: Math.max(0, limits.executionsPerDay - dayUsed), resetMs: dayReset },
      concurrency: { limit: limits.maxConcurrency, inFlight },
      retryAfterMs: retryAfter,
      nowMs: now,
    };
  }

  async lease(accountId: string, maxConcurrency: number, leaseId: string, ttlMs: number): Promise<boolean> {
    const leasesKey = accountKeys(accountId)[2];
    return (await this.carrying(accountId, (carried) => this.redis.wwLease(leasesKey, maxConcurrency, leaseId, ttlMs, ...carried))) === 1;
  }

  /** Sends `command` with the account's given-back leases along, and settles them with its reply. */
  private async carrying<T>(accountId: string, command: (carriedLeaseIds: string[]) => Promise<T>): Promise<T> {
    const carried = this.releases.take(accountId);
    return this.timed(command(carried.leaseIds)).then(
      (answer) => (carried.settle(), answer),
      (error: Error) => {
        carried.settle(error);
        throw error;
      },
    );
  }

  /** Settles once Redis has removed the lease: with the account's next decision, or within RELEASE_LINGER_MS (at once with `now`). */
  release(accountId: string, leaseId: string, now = false): Promise<void> {
    const removed = this.releases.add(accountId, leaseId);
    if (now) void this.releases.flush();
    return removed;
  }

  /** Gives back many leases at once (those whose release failed while Redis was away). */
  async releaseAll(leases: ReadonlyArray<{ accountId: string; leaseId: string }>): Promise<void> {
    await Promise.all(leases.map(({ accountId, leaseId }) => this.release(accountId, leaseId)));
  }

  /** Sends the releases still waiting (before the connection closes). */
  flushReleases(): Promise<void> {
    return this.releases.flush();
  }

  private async removeLeases(leases: ReadonlyMap<string, readonly string[]>): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const [accountId, leaseIds] of leases) pipeline.zrem(accountKeys(accountId)[2], ...leaseIds);
    const replies = (await this.timed(pipeline.exec())) ?? [];
    const failed = replies.find(([error]) => error);
    if (failed) throw failed[0];
  }

  async refund(accountId: string, day: number, executions: number): Promise<void> {
    await this.timed(this.redis.wwRefund(accountKeys(accountId)[1], day, executions));
  }

  async authFailure(address: string, perMinute: number): Promise<{ allowed: boolean; retryAfterMs: number }> {
    const [allowed, retryAfterMs] = await this.timed(this.redis.wwAuthFailure(authFailureKey(address), perMinute));
    return { allowed: allowed === 1, retryAfterMs };
  }

  /** Also the breaker's probe: a ping held to the same deadline. */
  ping(): Promise<unknown> {
    return this.timed(this.redis.ping());
  }

  private timed<T>(command: Promise<T>): Promise<T> {
    return this.deadlineMs === Infinity ? command : withDeadline(command, this.deadlineMs);
  }
}

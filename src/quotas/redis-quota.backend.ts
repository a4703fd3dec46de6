import type Redis from 'ioredis';
import { QuotaBackend } from './quota-backend';
import type { QuotaDecision, QuotaLimits } from './quota-policy';
import { AUTH_FAILURE_SCRIPT, DENIED_POLICIES, QUOTA_SCRIPT } from './redis-quota.script';

type QuotaReply = [number, number, number, number, number, number, number, number, number];

interface QuotaCommands {
  wwQuota(minute: string, day: string, leases: string, ...args: (string | number)[]): Promise<QuotaReply>;
  wwAuthFailure(key: string, perMinute: number): Promise<[number, number]>;
}

/** The Lua scripts registered with defineCommand: EVALSHA, falling back to EVAL once per connection. */
export class RedisQuotaBackend implements QuotaBackend {
  readonly name = 'redis' as const;
  private readonly redis: Redis & QuotaCommands;

  constructor(client: Redis) {
    client.defineCommand('wwQuota', { numberOfKeys: 3, lua: QUOTA_SCRIPT });
    client.defineCommand('wwAuthFailure', { numberOfKeys: 1, lua: AUTH_FAILURE_SCRIPT });
    this.redis = client as Redis & QuotaCommands;
  }

  async decide(accountId: string, limits: QuotaLimits, leaseId: string, take: boolean): Promise<QuotaDecision> {
    const tag = `{ww:acct:${accountId}}`;
    const reply = await this.redis.wwQuota(
      `${tag}:minute`,
      `${tag}:day`,
      `${tag}:leases`,
      limits.requestsPerMinute,
      limits.executionsPerDay,
      limits.maxConcurrency,
      leaseId,
      limits.leaseTtlMs,
      take ? 1 : 0,
    );
    const [allowed, denied, minuteRemaining, minuteReset, dayUsed, dayReset, inFlight, retryAfter, now] = reply.map(Number);
    return {
      allowed: allowed === 1,
      denied: DENIED_POLICIES[denied] ?? null,
      minute: { limit: limits.requestsPerMinute, remaining: Math.max(0, minuteRemaining), resetMs: minuteReset },
      day: { limit: limits.executionsPerDay, remaining: Math.max(0, limits.executionsPerDay - dayUsed), resetMs: dayReset },
      concurrency: { limit: limits.maxConcurrency, inFlight },
      retryAfterMs: retryAfter,
      nowMs: now,
    };
  }

  async release(accountId: string, leaseId: string): Promise<void> {
    await this.redis.zrem(`{ww:acct:${accountId}}:leases`, leaseId);
  }

  async authFailure(address: string, perMinute: number): Promise<{ allowed: boolean; retryAfterMs: number }> {
    const [allowed, retryAfterMs] = await this.redis.wwAuthFailure(`{ww:ip:${address}}:auth`, perMinute);
    return { allowed: Number(allowed) === 1, retryAfterMs: Number(retryAfterMs) };
  }
}

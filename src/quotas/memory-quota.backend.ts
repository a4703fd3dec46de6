import { LRUCache } from 'lru-cache';
import { gcra, gcraPeek, utcDay } from './gcra';
import { QuotaBackend } from './quota-backend';
import type { QuotaDecision, QuotaLimits } from './quota-policy';

interface AccountState {
  tat: number | null;
  day: number;
  used: number;
  leases: Map<string, number>;
}

const MINUTE_MS = 60_000;

/**
 * The same windows in this process, for when Redis is not there. Every limit is divided by the
 * number of instances, so together they allow about what one Redis would.
 */
export class MemoryQuotaBackend implements QuotaBackend {
  readonly name = 'memory' as const;
  private readonly accounts = new LRUCache<string, AccountState>({ max: 100_000 });
  private readonly failures = new LRUCache<string, number>({ max: 100_000 });

  constructor(
    private readonly instances: number,
    private readonly clock: () => number = Date.now,
  ) {}

  private share(limit: number): number {
    return Math.max(1, Math.floor(limit / this.instances));
  }

  async decide(accountId: string, limits: QuotaLimits, leaseId: string, take: boolean): Promise<QuotaDecision> {
    const now = this.clock();
    const state = this.accounts.get(accountId) ?? { tat: null, day: 0, used: 0, leases: new Map<string, number>() };
    this.accounts.set(accountId, state);
    const perMinute = this.share(limits.requestsPerMinute);
    const perDay = this.share(limits.executionsPerDay);
    const concurrency = this.share(limits.maxConcurrency);
    const { day, resetMs: dayReset } = utcDay(now);
    if (state.day !== day) Object.assign(state, { day, used: 0 });
    for (const [id, expiry] of state.leases) if (expiry <= now) state.leases.delete(id);

    const decision = (allowed: boolean, denied: QuotaDecision['denied'], remaining: number, resetMs: number, retryAfterMs: number): QuotaDecision => ({
      allowed,
      denied,
      minute: { limit: perMinute, remaining, resetMs },
      day: { limit: perDay, remaining: Math.max(0, perDay - state.used), resetMs: dayReset },
      concurrency: { limit: concurrency, inFlight: state.leases.size },
      retryAfterMs,
      nowMs: now,
    });
    if (!take) {
      const peek = gcraPeek(now, state.tat, perMinute, MINUTE_MS);
      return decision(true, null, peek.remaining, peek.resetMs, 0);
    }
    const minute = gcra(now, state.tat, perMinute, MINUTE_MS);
    const current = gcraPeek(now, state.tat, perMinute, MINUTE_MS);
    if (!minute.allowed) return decision(false, 'minute', 0, minute.resetMs, minute.retryAfterMs);
    if (state.used >= perDay) return decision(false, 'day', current.remaining, current.resetMs, dayReset);
    if (state.leases.size >= concurrency) return decision(false, 'concurrency', current.remaining, current.resetMs, 1000);
    state.tat = minute.newTat;
    state.used += 1;
    state.leases.set(leaseId, now + limits.leaseTtlMs);
    return decision(true, null, minute.remaining, minute.resetMs, 0);
  }

  async release(accountId: string, leaseId: string): Promise<void> {
    this.accounts.get(accountId)?.leases.delete(leaseId);
  }

  async authFailure(address: string, perMinute: number): Promise<{ allowed: boolean; retryAfterMs: number }> {
    const result = gcra(this.clock(), this.failures.get(address) ?? null, this.share(perMinute), MINUTE_MS);
    if (result.allowed) this.failures.set(address, result.newTat);
    return { allowed: result.allowed, retryAfterMs: result.retryAfterMs };
  }
}

import { LRUCache } from 'lru-cache';
import { CONCURRENCY_RETRY_MS, gcra, gcraPeek, MINUTE_US, usToMs, utcDay } from './gcra';
import { QuotaBackend } from './quota-backend';
import type { QuotaDecision, QuotaLimits, WindowPolicy } from './quota-policy';

interface AccountState {
  /** GCRA theoretical arrival time, µs; null before the first request. */
  tat: number | null;
  day: number;
  used: number;
  /** Lease id → expiry (ms). */
  leases: Map<string, number>;
}

/**
 * The same windows as the Redis script, decided in this process when Redis is not there (or not
 * configured). Every limit is divided by the number of instances, so together they allow about
 * what one Redis would. `clock` gives milliseconds (fractions allowed).
 */
export class MemoryQuotaBackend implements QuotaBackend {
  readonly name = 'memory' as const;
  private readonly accounts = new LRUCache<string, AccountState>({ max: 100_000 });
  private readonly failures = new LRUCache<string, number>({ max: 100_000 });

  constructor(
    private readonly instances: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** This instance's part of a limit: at least 1, so a small limit still lets requests through. */
  share(limit: number): number {
    return Math.max(1, Math.floor(limit / this.instances));
  }

  async decide(accountId: string, limits: QuotaLimits, leaseId: string, take: boolean, executions = 1, withSlot = true): Promise<QuotaDecision> {
    const nowMs = this.clock();
    const now = Math.floor(nowMs * 1000);
    const wholeMs = Math.floor(nowMs);
    const state = this.stateOf(accountId);
    const perMinute = this.share(limits.requestsPerMinute);
    const perDay = this.share(limits.executionsPerDay);
    const concurrency = this.share(limits.maxConcurrency);
    const { day, resetMs: dayReset } = utcDay(wholeMs);
    if (state.day !== day) {
      state.day = day;
      state.used = 0;
    }
    dropExpired(state, wholeMs);

    const current = gcraPeek(now, state.tat, perMinute, MINUTE_US);
    const minute = take ? gcra(now, state.tat, perMinute, MINUTE_US) : null;

    let denied: WindowPolicy | null = null;
    let others: WindowPolicy | null = null;
    let retry = 0;
    if (minute) {
      if (!minute.allowed) {
        denied = 'minute';
        retry = usToMs(minute.retryAfterUs);
      }
      if (state.used + executions > perDay && dayReset > retry) {
        denied = 'day';
        retry = dayReset;
      }
      others = denied;
      if (withSlot && state.leases.size >= concurrency && CONCURRENCY_RETRY_MS > retry) {
        denied = 'concurrency';
        retry = CONCURRENCY_RETRY_MS;
      }
    }
    const decision: QuotaDecision = {
      allowed: denied === null,
      denied,
      slotOnly: denied !== null && others === null,
      minute: { limit: perMinute, remaining: current.remaining, resetMs: usToMs(current.resetUs) },
      day: { limit: perDay, remaining: Math.max(0, perDay - state.used), resetMs: dayReset },
      concurrency: { limit: concurrency, inFlight: state.leases.size },
      retryAfterMs: retry,
      nowMs: wholeMs,
    };
    if (!minute || denied) return decision;

    state.tat = minute.newTat;
    state.used += executions;
    if (withSlot) state.leases.set(leaseId, wholeMs + limits.leaseTtlMs);
    decision.minute.remaining = minute.remaining;
    decision.minute.resetMs = usToMs(minute.resetUs);
    decision.day.remaining = Math.max(0, perDay - state.used);
    decision.concurrency.inFlight = state.leases.size;
    return decision;
  }

  async lease(accountId: string, maxConcurrency: number, leaseId: string, ttlMs: number): Promise<boolean> {
    const nowMs = Math.floor(this.clock());
    const state = this.stateOf(accountId);
    dropExpired(state, nowMs);
    if (!state.leases.has(leaseId) && state.leases.size >= this.share(maxConcurrency)) return false;
    state.leases.set(leaseId, nowMs + ttlMs);
    return true;
  }

  async release(accountId: string, leaseId: string): Promise<void> {
    this.accounts.get(accountId)?.leases.delete(leaseId);
  }

  async refund(accountId: string, day: number, executions: number): Promise<void> {
    const state = this.accounts.get(accountId);
    if (state?.day === day) state.used = Math.max(0, state.used - executions);
  }

  private stateOf(accountId: string): AccountState {
    let state = this.accounts.get(accountId);
    if (!state) {
      state = { tat: null, day: 0, used: 0, leases: new Map() };
      this.accounts.set(accountId, state);
    }
    return state;
  }

  async authFailure(address: string, perMinute: number): Promise<{ allowed: boolean; retryAfterMs: number }> {
    const result = gcra(Math.floor(this.clock() * 1000), this.failures.get(address) ?? null, this.share(perMinute), MINUTE_US);
    if (result.allowed) this.failures.set(address, result.newTat);
    return { allowed: result.allowed, retryAfterMs: usToMs(result.retryAfterUs) };
  }
}

/** Leases whose holder never gave them back lapse at their expiry. */
function dropExpired(state: AccountState, nowMs: number): void {
  for (const [id, expiry] of state.leases) if (expiry <= nowMs) state.leases.delete(id);
}

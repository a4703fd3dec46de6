import type { TierLimits } from '../common/limits';
import type { Tier } from '../schema/tier.entity';

export const POLICY_NAMES = ['minute', 'day', 'concurrency', 'auth', 'uploads'] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];
/** The windows of an account (`auth` is the per-address budget of failed authentications, `uploads` the module uploads an account has in progress). */
export type WindowPolicy = Exclude<PolicyName, 'auth' | 'uploads'>;

/** The windows one decision covers, from the account's tier. */
export interface QuotaLimits extends Pick<TierLimits, 'requestsPerMinute' | 'executionsPerDay' | 'maxConcurrency'> {
  /** A lease's expiry where it is kept (LEASE_TTL_MS; renewed while it is held). */
  leaseTtlMs: number;
}

export interface WindowState {
  limit: number;
  remaining: number;
  /** Milliseconds until the window is whole again. */
  resetMs: number;
}

export interface QuotaDecision {
  allowed: boolean;
  /** The window that refused: the one with the longest wait when several do. */
  denied: WindowPolicy | null;
  /** Refused only because every concurrency slot is taken: a run that is queued needs none. */
  slotOnly: boolean;
  minute: WindowState;
  day: WindowState;
  concurrency: { limit: number; inFlight: number };
  /** For a denial: when trying again can succeed. */
  retryAfterMs: number;
  /** Server time of the decision (Redis TIME, or this process's clock in the fallback). */
  nowMs: number;
}

/**
 * A concurrency lease's expiry where it is kept (Redis, or memory): renewed by its process's
 * LeaseKeeper while it is held, so a dead process's slots come back within it.
 */
export const LEASE_TTL_MS = 10_000;

/** A lease is kept this long after the longest run could have ended, and no longer unless its holder renews it. */
const LEASE_MARGIN_MS = 60_000;

export function limitsOf(tier: Tier): QuotaLimits {
  return {
    requestsPerMinute: tier.requestsPerMinute,
    executionsPerDay: tier.executionsPerDay,
    maxConcurrency: tier.maxConcurrency,
    leaseTtlMs: LEASE_TTL_MS,
  };
}

/** How long a lease is kept for a holder that never renews it itself: its longest run and a margin. */
export function leaseLifetimeMs(timeoutMs: number): number {
  return timeoutMs + LEASE_MARGIN_MS;
}

const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000));

/** `RateLimit-Policy` depends on the tier only: built once per pair of limits, not per request. */
const policyHeaders = new Map<string, string>();

export function rateLimitPolicy(perMinute: number, perDay: number): string {
  const key = `${perMinute}/${perDay}`;
  let header = policyHeaders.get(key);
  if (header === undefined) {
    if (policyHeaders.size >= 1024) policyHeaders.clear();
    header = `"minute";q=${perMinute};w=60, "day";q=${perDay};w=86400`;
    policyHeaders.set(key, header);
  }
  return header;
}

/** IETF draft RateLimit headers plus the X-RateLimit-* trio for the tightest window. */
export function rateLimitHeaders(decision: QuotaDecision): Record<string, string> {
  const { minute, day } = decision;
  const tightest = minute.remaining <= day.remaining ? minute : day;
  return {
    'RateLimit-Policy': rateLimitPolicy(minute.limit, day.limit),
    RateLimit: `"minute";r=${minute.remaining};t=${seconds(minute.resetMs)}, "day";r=${day.remaining};t=${seconds(day.resetMs)}`,
    'X-RateLimit-Limit': String(tightest.limit),
    'X-RateLimit-Remaining': String(tightest.remaining),
    'X-RateLimit-Reset': String(Math.ceil((decision.nowMs + tightest.resetMs) / 1000)),
  };
}

/** Whole seconds, rounded up and at least 1: a client that waits this long is not refused again by the same window. */
export function retryAfterSeconds(decision: QuotaDecision): number {
  return Math.max(1, seconds(decision.retryAfterMs));
}

/**
 * Generic cell rate algorithm for "limit per period": one request every T = period / limit,
 * with a burst of up to `limit` at once. The state is one number, the theoretical arrival time
 * (TAT). Exact like a sliding window, without a fixed window's double burst at its edge.
 *
 * Everything is in whole microseconds, with T rounded up to a whole microsecond, so every value
 * is an integer a double holds exactly (epoch microseconds are below 2^53): a burst is exactly
 * `limit` for every limit. (With a fractional T, e.g. 60 s / 7, the rounding of TAT + T + ...
 * against T × (limit − 1) let a burst of 7 stop at 6.) Rounding T up makes the sustained rate at
 * most one microsecond per request slower than the limit, never faster.
 *
 * The Lua script in redis-quota.script.ts computes exactly this, in the same units.
 */
export interface GcraResult {
  allowed: boolean;
  /** The TAT to store when the request is taken (µs). */
  newTat: number;
  /** Requests left after this one (or left now, when denied: 0). */
  remaining: number;
  /** Until the bucket is whole again (µs). */
  resetUs: number;
  /** Until one more request would be allowed (µs; 0 when allowed). */
  retryAfterUs: number;
}

export const MINUTE_US = 60_000_000;
export const DAY_MS = 86_400_000;

/** T: the emission interval, a whole number of microseconds. */
export function gcraInterval(limit: number, periodUs: number): number {
  return Math.ceil(periodUs / limit);
}

export function gcra(nowUs: number, storedTat: number | null, limit: number, periodUs: number): GcraResult {
  const interval = gcraInterval(limit, periodUs);
  const tolerance = interval * (limit - 1);
  const tat = storedTat === null || storedTat < nowUs ? nowUs : storedTat;
  const allowAt = tat - tolerance;
  if (nowUs < allowAt) {
    return { allowed: false, newTat: tat, remaining: 0, resetUs: tat - nowUs, retryAfterUs: allowAt - nowUs };
  }
  const newTat = tat + interval;
  const remaining = Math.floor((nowUs + tolerance - newTat) / interval) + 1;
  return { allowed: true, newTat, remaining: Math.max(0, remaining), resetUs: newTat - nowUs, retryAfterUs: 0 };
}

/** The state without taking a request: what is left now, and until the bucket is whole. */
export function gcraPeek(nowUs: number, storedTat: number | null, limit: number, periodUs: number): { remaining: number; resetUs: number } {
  const interval = gcraInterval(limit, periodUs);
  const tolerance = interval * (limit - 1);
  const tat = storedTat === null || storedTat < nowUs ? nowUs : storedTat;
  const remaining = Math.max(0, Math.floor((nowUs + tolerance - tat) / interval) + 1);
  return { remaining: Math.min(limit, remaining), resetUs: tat - nowUs };
}

/** Calendar day in UTC (days since the epoch), and the time left in it. */
export function utcDay(nowMs: number): { day: number; resetMs: number } {
  const day = Math.floor(nowMs / DAY_MS);
  return { day, resetMs: (day + 1) * DAY_MS - nowMs };
}

/** A concurrency denial has no window: try again after this (a running execution may end by then). */
export const CONCURRENCY_RETRY_MS = 1000;

/** Microseconds to whole milliseconds, rounded up (a reset or retry is never announced early). */
export const usToMs = (us: number) => Math.ceil(us / 1000);

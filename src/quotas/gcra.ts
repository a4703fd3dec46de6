/**
 * Generic cell rate algorithm for "limit per period": one request every T = period / limit,
 * with a burst of up to `limit` at once. The state is one number, the theoretical arrival time
 * (TAT). Exact like a sliding window, without a fixed window's double burst at its edge. The Lua
 * script in redis-quota.script.ts computes exactly this.
 */
export interface GcraResult {
  allowed: boolean;
  /** The TAT to store when the request is taken. */
  newTat: number;
  remaining: number;
  /** Until the bucket is whole again. */
  resetMs: number;
  /** Until one more request would be allowed (0 when allowed). */
  retryAfterMs: number;
}

export function gcra(now: number, storedTat: number | null, limit: number, periodMs: number): GcraResult {
  const interval = periodMs / limit;
  const tolerance = interval * (limit - 1);
  const tat = storedTat === null || storedTat < now ? now : storedTat;
  const allowAt = tat - tolerance;
  if (now < allowAt) {
    return { allowed: false, newTat: tat, remaining: 0, resetMs: tat - now, retryAfterMs: allowAt - now };
  }
  const newTat = tat + interval;
  const remaining = Math.floor((now + tolerance - newTat) / interval) + 1;
  return { allowed: true, newTat, remaining: Math.max(0, remaining), resetMs: newTat - now, retryAfterMs: 0 };
}

/** The state without taking a request: what /me shows. */
export function gcraPeek(now: number, storedTat: number | null, limit: number, periodMs: number): { remaining: number; resetMs: number } {
  const interval = periodMs / limit;
  const tolerance = interval * (limit - 1);
  const tat = storedTat === null || storedTat < now ? now : storedTat;
  const remaining = Math.max(0, Math.floor((now + tolerance - tat) / interval) + 1);
  return { remaining: Math.min(limit, remaining), resetMs: tat - now };
}

export const DAY_MS = 86_400_000;

/** Calendar day in UTC, and the time left in it. */
export function utcDay(now: number): { day: number; resetMs: number } {
  const day = Math.floor(now / DAY_MS);
  return { day, resetMs: (day + 1) * DAY_MS - now };
}

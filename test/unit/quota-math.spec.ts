import { CircuitBreaker } from '../../src/quotas/circuit-breaker';
import { gcra, gcraPeek, utcDay } from '../../src/quotas/gcra';
import { MemoryQuotaBackend } from '../../src/quotas/memory-quota.backend';
import { QuotaDecision, rateLimitHeaders } from '../../src/quotas/quota-policy';

const MINUTE = 60_000;

function drive(limit: number, times: number[]): boolean[] {
  let tat: number | null = null;
  return times.map((now) => {
    const result = gcra(now, tat, limit, MINUTE);
    if (result.allowed) tat = result.newTat;
    return result.allowed;
  });
}

describe('GCRA', () => {
  it('allows a burst of the limit, then one request per period / limit', () => {
    expect(drive(5, [0, 0, 0, 0, 0, 0])).toEqual([true, true, true, true, true, false]);
    expect(drive(5, [0, 0, 0, 0, 0, 11_999, 12_000])).toEqual([true, true, true, true, true, false, true]);
  });

  it('has no double burst at a window edge (unlike a fixed window)', () => {
    // 5 at 59.9 s, then 5 more at 60.1 s: a fixed window would allow all ten.
    const allowed = drive(5, [59_900, 59_900, 59_900, 59_900, 59_900, 60_100, 60_100, 60_100, 60_100, 60_100]);
    expect(allowed.filter(Boolean)).toHaveLength(5);
  });

  it('counts remaining and the time until a retry can succeed', () => {
    const first = gcra(0, null, 5, MINUTE);
    expect(first).toMatchObject({ allowed: true, remaining: 4, resetMs: 12_000 });
    let tat = first.newTat;
    for (let i = 0; i < 4; i++) tat = gcra(0, tat, 5, MINUTE).newTat;
    const denied = gcra(1000, tat, 5, MINUTE);
    expect(denied).toMatchObject({ allowed: false, remaining: 0, retryAfterMs: 11_000 });
    expect(gcraPeek(60_000, tat, 5, MINUTE).remaining).toBe(5);
  });

  it('knows the UTC day and its end', () => {
    const noonUtc = Date.UTC(2026, 10, 23, 12);
    expect(utcDay(noonUtc).resetMs).toBe(12 * 3_600_000);
  });
});

describe('the in-memory fallback', () => {
  const limits = { requestsPerMinute: 10, executionsPerDay: 4, maxConcurrency: 2, leaseTtlMs: 5000 };

  it('divides every limit by the number of instances', async () => {
    const backend = new MemoryQuotaBackend(2, () => 1_000_000);
    const results: QuotaDecision[] = [];
    for (let i = 0; i < 4; i++) {
      const decision = await backend.decide('a', limits, `lease${i}`, true);
      results.push(decision);
      await backend.release('a', `lease${i}`);
    }
    expect(results.map((r) => r.allowed)).toEqual([true, true, false, false]);
    expect(results[2].denied).toBe('day');
    expect(results[0].day.limit).toBe(2);
  });

  it('holds concurrency slots until released or expired, and writes nothing on a denial', async () => {
    let now = 0;
    const backend = new MemoryQuotaBackend(1, () => now);
    expect((await backend.decide('a', limits, 'x', true)).allowed).toBe(true);
    expect((await backend.decide('a', limits, 'y', true)).allowed).toBe(true);
    const third = await backend.decide('a', limits, 'z', true);
    expect(third).toMatchObject({ allowed: false, denied: 'concurrency' });
    expect(third.day.remaining).toBe(2);
    now = 6000;
    expect((await backend.decide('a', limits, 'w', true)).allowed).toBe(true);
  });
});

describe('rate-limit headers', () => {
  it('follow the IETF draft syntax and name the tightest window in X-RateLimit-*', () => {
    const decision: QuotaDecision = {
      allowed: true,
      denied: null,
      minute: { limit: 100, remaining: 42, resetMs: 17_500 },
      day: { limit: 10_000, remaining: 9000, resetMs: 3_600_000 },
      concurrency: { limit: 2, inFlight: 1 },
      retryAfterMs: 0,
      nowMs: 1_000_000,
    };
    expect(rateLimitHeaders(decision)).toEqual({
      'RateLimit-Policy': '"minute";q=100;w=60, "day";q=10000;w=86400',
      RateLimit: '"minute";r=42;t=18, "day";r=9000;t=3600',
      'X-RateLimit-Limit': '100',
      'X-RateLimit-Remaining': '42',
      'X-RateLimit-Reset': '1018',
    });
  });
});

describe('the circuit breaker', () => {
  it('opens on a failure, probes after a delay, closes on success, and reports each switch once', () => {
    let now = 0;
    const changes: string[] = [];
    const breaker = new CircuitBreaker(1000, (state) => changes.push(state), () => now);
    expect(breaker.allowPrimary()).toBe(true);
    breaker.failure('down');
    breaker.failure('down');
    expect(breaker.allowPrimary()).toBe(false);
    now = 1500;
    expect(breaker.allowPrimary()).toBe(true);
    expect(breaker.allowPrimary()).toBe(false);
    breaker.success();
    expect(breaker.current).toBe('closed');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });
});

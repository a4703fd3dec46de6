import { CircuitBreaker, CircuitState } from '../../src/quotas/circuit-breaker';
import { gcra, gcraPeek, MINUTE_US, utcDay } from '../../src/quotas/gcra';
import { MemoryQuotaBackend } from '../../src/quotas/memory-quota.backend';
import { LEASE_TTL_MS, QuotaDecision, rateLimitHeaders, retryAfterSeconds } from '../../src/quotas/quota-policy';
import { ConcurrencyLease, QuotaService, QuotaTicket } from '../../src/quotas/quota.service';

/** An epoch-sized time in µs: large enough that fractional arithmetic would round. */
const EPOCH_US = 1_795_444_886_332_123;

function drive(limit: number, times: number[]): boolean[] {
  let tat: number | null = null;
  return times.map((now) => {
    const result = gcra(now, tat, limit, MINUTE_US);
    if (result.allowed) tat = result.newTat;
    return result.allowed;
  });
}

const at = (seconds: number) => EPOCH_US + Math.round(seconds * 1_000_000);

describe('GCRA', () => {
  it('allows a burst of exactly the limit, for every limit', () => {
    const wrong: number[] = [];
    for (let limit = 1; limit <= 1000; limit++) {
      const allowed = drive(limit, Array.from({ length: limit + 2 }, () => EPOCH_US)).filter(Boolean).length;
      if (allowed !== limit) wrong.push(limit);
    }
    expect(wrong).toEqual([]);
  });

  it('then one request per period / limit, never earlier', () => {
    expect(drive(5, [at(0), at(0), at(0), at(0), at(0), at(0)])).toEqual([true, true, true, true, true, false]);
    expect(drive(5, [at(0), at(0), at(0), at(0), at(0), at(11.999), at(12)])).toEqual([true, true, true, true, true, false, true]);
    // 7 a minute: one every 8.571429 s (rounded up to the microsecond).
    const times = [...Array.from({ length: 7 }, () => at(0)), at(8.571428), at(8.571429), at(17.142857), at(17.142858)];
    expect(drive(7, times)).toEqual([true, true, true, true, true, true, true, false, true, false, true]);
  });

  it('has no double burst at a window edge (unlike a fixed window)', () => {
    // 5 at 59.9 s, then 5 more at 60.1 s: a fixed window would allow all ten.
    const allowed = drive(5, [59.9, 59.9, 59.9, 59.9, 59.9, 60.1, 60.1, 60.1, 60.1, 60.1].map(at));
    expect(allowed.filter(Boolean)).toHaveLength(5);
  });

  it('counts what is left, the time until whole again and until a retry can succeed', () => {
    const first = gcra(at(0), null, 5, MINUTE_US);
    expect(first).toMatchObject({ allowed: true, remaining: 4, resetUs: 12_000_000 });
    let tat = first.newTat;
    for (let i = 0; i < 4; i++) tat = gcra(at(0), tat, 5, MINUTE_US).newTat;
    expect(gcra(at(0), tat, 5, MINUTE_US)).toMatchObject({ allowed: false, remaining: 0 });
    const denied = gcra(at(1), tat, 5, MINUTE_US);
    expect(denied).toMatchObject({ allowed: false, remaining: 0, retryAfterUs: 11_000_000, resetUs: 59_000_000 });
    expect(gcraPeek(at(1), tat, 5, MINUTE_US)).toEqual({ remaining: 0, resetUs: 59_000_000 });
    expect(gcraPeek(at(12), tat, 5, MINUTE_US).remaining).toBe(1);
    expect(gcraPeek(at(60), tat, 5, MINUTE_US)).toEqual({ remaining: 5, resetUs: 0 });
  });

  it('knows the UTC day and its end', () => {
    const noonUtc = Date.UTC(2026, 10, 23, 12);
    expect(utcDay(noonUtc).resetMs).toBe(12 * 3_600_000);
    expect(utcDay(Date.UTC(2026, 10, 24) - 1)).toEqual({ day: utcDay(noonUtc).day, resetMs: 1 });
    expect(utcDay(Date.UTC(2026, 10, 24)).day).toBe(utcDay(noonUtc).day + 1);
  });
});

describe('the in-memory limiter', () => {
  const limits = { requestsPerMinute: 10, executionsPerDay: 4, maxConcurrency: 2, leaseTtlMs: 5000 };
  const NOON = Date.UTC(2026, 10, 23, 12);

  it('divides every limit by the number of instances', async () => {
    const backend = new MemoryQuotaBackend(2, () => NOON);
    const results: QuotaDecision[] = [];
    for (let i = 0; i < 4; i++) {
      results.push(await backend.decide('a', limits, `lease${i}`, true));
      await backend.release('a', `lease${i}`);
    }
    expect(results.map((r) => r.allowed)).toEqual([true, true, false, false]);
    expect(results[2].denied).toBe('day');
    expect(results[0]).toMatchObject({ minute: { limit: 5, remaining: 4 }, day: { limit: 2, remaining: 1 }, concurrency: { limit: 1 } });
  });

  it('takes exactly the limit per minute and says when to retry', async () => {
    let now = NOON;
    const backend = new MemoryQuotaBackend(1, () => now);
    const wide = { ...limits, executionsPerDay: 100, maxConcurrency: 100 };
    const results: QuotaDecision[] = [];
    for (let i = 0; i < 12; i++) results.push(await backend.decide('a', wide, `l${i}`, true));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect(results[9].minute.remaining).toBe(0);
    expect(results[10]).toMatchObject({ allowed: false, denied: 'minute', retryAfterMs: 6000 });
    now += 5999;
    expect((await backend.decide('a', wide, 'x', true)).allowed).toBe(false);
    now += 1;
    expect((await backend.decide('a', wide, 'y', true)).allowed).toBe(true);
  });

  it('holds concurrency leases until released or expired, and writes nothing on a denial', async () => {
    let now = NOON;
    const backend = new MemoryQuotaBackend(1, () => now);
    expect((await backend.decide('a', limits, 'x', true)).allowed).toBe(true);
    expect((await backend.decide('a', limits, 'y', true)).allowed).toBe(true);
    const before = await backend.decide('a', limits, 'peek', false);
    const third = await backend.decide('a', limits, 'z', true);
    expect(third).toMatchObject({ allowed: false, denied: 'concurrency', retryAfterMs: 1000 });
    expect(await backend.decide('a', limits, 'peek', false)).toEqual(before);
    expect(third.day.remaining).toBe(2);
    await backend.release('a', 'x');
    expect((await backend.decide('a', limits, 'z', true)).allowed).toBe(true);
    now += 6000;
    expect((await backend.decide('a', limits, 'peek', false)).concurrency.inFlight).toBe(0);
  });

  it('takes a lease alone up to the shared concurrency, re-takes its own id, and lets it lapse', async () => {
    let now = NOON;
    const backend = new MemoryQuotaBackend(1, () => now);
    expect((await backend.decide('a', limits, 'request', true)).allowed).toBe(true);
    const before = await backend.decide('a', limits, 'peek', false);
    expect(await backend.lease('a', 2, 'job-1', 1000)).toBe(true);
    expect(await backend.lease('a', 2, 'job-2', 1000)).toBe(false);
    expect(await backend.lease('a', 2, 'job-1', 1000)).toBe(true);
    expect(await backend.decide('a', limits, 'peek', false)).toEqual({ ...before, concurrency: { limit: 2, inFlight: 2 } });
    expect((await backend.decide('a', limits, 'request-2', true)).denied).toBe('concurrency');
    now += 1000;
    expect(await backend.lease('a', 2, 'job-2', 1000)).toBe(true);
    // Divided by the instances, as every limit is, and never below one.
    expect(await new MemoryQuotaBackend(4).lease('b', 2, 'only', 1000)).toBe(true);
  });

  it('says when only a slot is missing, and takes the minute and the day without one for a queued run', async () => {
    const backend = new MemoryQuotaBackend(1, () => NOON);
    const one = { ...limits, maxConcurrency: 1, requestsPerMinute: 3 };
    expect((await backend.decide('a', one, 'held', true)).allowed).toBe(true);
    expect(await backend.decide('a', one, 'second', true)).toMatchObject({ allowed: false, denied: 'concurrency', slotOnly: true });
    expect(await backend.decide('a', one, 'unused', true, 2, false)).toMatchObject({ allowed: true, concurrency: { inFlight: 1 }, day: { remaining: 1 } });
    expect((await backend.decide('a', one, 'x', true, 1, false)).allowed).toBe(true);
    expect(await backend.decide('a', one, 'y', true, 1, false)).toMatchObject({ allowed: false, denied: 'day', slotOnly: false });
  });

  it('names the window with the longest wait when several refuse, so Retry-After is never early', async () => {
    const backend = new MemoryQuotaBackend(1, () => NOON);
    const tight = { requestsPerMinute: 2, executionsPerDay: 2, maxConcurrency: 1, leaseTtlMs: 5000 };
    expect((await backend.decide('a', tight, 'x', true)).allowed).toBe(true);
    await backend.release('a', 'x');
    expect((await backend.decide('a', tight, 'y', true)).allowed).toBe(true);
    // Minute (30 s), day (12 h) and concurrency (1 s) all refuse: the day decides.
    const denied = await backend.decide('a', tight, 'z', true);
    expect(denied).toMatchObject({ allowed: false, denied: 'day', retryAfterMs: 12 * 3_600_000 });
    expect(retryAfterSeconds(denied)).toBe(12 * 3600);
  });

  it('takes many executions of the day at once, or none when fewer are left', async () => {
    const backend = new MemoryQuotaBackend(1, () => NOON);
    const daily = { requestsPerMinute: 100, executionsPerDay: 10, maxConcurrency: 10, leaseTtlMs: 5000 };
    expect(await backend.decide('a', daily, 'x', true, 7)).toMatchObject({ allowed: true, day: { remaining: 3 } });
    expect(await backend.decide('a', daily, 'y', true, 4)).toMatchObject({ allowed: false, denied: 'day', day: { remaining: 3 } });
    expect((await backend.decide('a', daily, 'peek', false)).day.remaining).toBe(3);
    expect(await backend.decide('a', daily, 'z', true, 3)).toMatchObject({ allowed: true, day: { remaining: 0 } });
  });

  it("gives executions back to the day that charged them, not to a later day", async () => {
    let now = NOON;
    const backend = new MemoryQuotaBackend(1, () => now);
    const daily = { requestsPerMinute: 100, executionsPerDay: 10, maxConcurrency: 10, leaseTtlMs: 5000 };
    const charged = await backend.decide('a', daily, 'x', true, 7);
    await backend.refund('a', utcDay(charged.nowMs).day, 5);
    expect((await backend.decide('a', daily, 'peek', false)).day.remaining).toBe(8);
    await backend.refund('a', utcDay(charged.nowMs).day, 50);
    expect((await backend.decide('a', daily, 'peek', false)).day.remaining).toBe(10);
    now += 86_400_000;
    await backend.decide('a', daily, 'y', true, 4);
    await backend.refund('a', utcDay(charged.nowMs).day, 4);
    expect((await backend.decide('a', daily, 'peek', false)).day.remaining).toBe(6);
  });

  it('starts a new day at UTC midnight', async () => {
    let now = Date.UTC(2026, 10, 23, 23, 59, 59);
    const backend = new MemoryQuotaBackend(1, () => now);
    const daily = { requestsPerMinute: 100, executionsPerDay: 1, maxConcurrency: 10, leaseTtlMs: 5000 };
    expect((await backend.decide('a', daily, 'x', true)).allowed).toBe(true);
    expect(await backend.decide('a', daily, 'y', true)).toMatchObject({ allowed: false, denied: 'day', retryAfterMs: 1000 });
    now += 1000;
    expect((await backend.decide('a', daily, 'z', true)).allowed).toBe(true);
  });

  it('limits failed authentications per address', async () => {
    const backend = new MemoryQuotaBackend(1, () => NOON);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await backend.authFailure('10.0.0.1', 3));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3].retryAfterMs).toBe(20_000);
    expect((await backend.authFailure('10.0.0.2', 3)).allowed).toBe(true);
  });
});

describe('a quota ticket', () => {
  const allowed = { allowed: true, nowMs: 3 * 86_400_000 + 5, day: { limit: 10, remaining: 4, resetMs: 1 } } as QuotaDecision;
  const ticket = () => {
    const releases: string[] = [];
    const refunds: [string, number, number][] = [];
    const service = {
      releaseLease: (_b: unknown, _a: string, lease: string) => releases.push(lease),
      forgetLease: () => undefined,
      refund: (_b: unknown, account: string, day: number, executions: number) => refunds.push([account, day, executions]),
    } as unknown as QuotaService;
    return { releases, refunds, ticket: new QuotaTicket(allowed, service, {} as never, 'account', 3, new ConcurrencyLease(service, {} as never, 'account', 'lease', 1, 60_000)) };
  };

  it('renews its lease once half its expiry has passed (a slow body), renewing its lifetime, and says when the slot is gone', async () => {
    jest.useFakeTimers({ now: Date.UTC(2026, 11, 3, 12) });
    try {
      let slotStillThere = true;
      const renewals: string[] = [];
      const service = {
        renewLease: async (_b: unknown, _a: string, lease: string) => (renewals.push(lease), slotStillThere),
        releaseLease: async () => undefined,
        forgetLease: () => undefined,
      } as unknown as QuotaService;
      const held = new ConcurrencyLease(service, {} as never, 'account', 'lease', 1, 62_000);
      jest.advanceTimersByTime(LEASE_TTL_MS / 2 - 1);
      expect(held.outlived()).toBe(false);
      jest.advanceTimersByTime(1);
      expect(held.outlived()).toBe(true);
      // The keeper's refresh renews the expiry, not the lifetime.
      expect(await held.refresh()).toBe(true);
      expect(held.outlived()).toBe(false);
      expect(held.pastLifetime(Date.now() + 62_000 - LEASE_TTL_MS / 2 + 1)).toBe(true);
      // The holder's renewal renews both.
      expect(await held.renew()).toBe(true);
      expect(held.pastLifetime(Date.now() + 62_000)).toBe(false);
      jest.advanceTimersByTime(LEASE_TTL_MS);
      slotStillThere = false;
      expect(await held.renew()).toBe(false);
      expect(renewals).toEqual(['lease', 'lease', 'lease']);
      // A lease given back has nothing to renew.
      await held.release();
      expect(held.outlived()).toBe(false);
      expect(held.pastLifetime(Date.now())).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });

  it('gives the lease back once', () => {
    const { releases, ticket: t } = ticket();
    t.release();
    t.release();
    expect(releases).toEqual(['lease']);
  });

  it("gives its executions back once, to the decision's UTC day, and says what the day has left after", () => {
    const { refunds, ticket: t } = ticket();
    expect(t.refund().day.remaining).toBe(7);
    t.refund();
    expect(refunds).toEqual([['account', 3, 3]]);
  });

  it('holds nothing for a denial', () => {
    const calls: string[] = [];
    const service = { releaseLease: () => calls.push('release'), refund: () => calls.push('refund') } as unknown as QuotaService;
    const denied = new QuotaTicket({ allowed: false } as QuotaDecision, service, {} as never, 'a', 1, null);
    denied.release();
    denied.refund();
    expect(calls).toEqual([]);
  });
});

describe('rate-limit headers', () => {
  it('follow the IETF draft syntax and name the tightest window in X-RateLimit-*', () => {
    const decision: QuotaDecision = {
      allowed: true,
      denied: null,
      slotOnly: false,
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
    const dayTighter = { ...decision, day: { limit: 50, remaining: 3, resetMs: 3_600_000 } };
    expect(rateLimitHeaders(dayTighter)).toMatchObject({ 'X-RateLimit-Limit': '50', 'X-RateLimit-Remaining': '3', 'X-RateLimit-Reset': '4600' });
  });

  it('round a retry up to whole seconds, at least one', () => {
    const decision = { retryAfterMs: 11_001 } as QuotaDecision;
    expect(retryAfterSeconds(decision)).toBe(12);
    expect(retryAfterSeconds({ retryAfterMs: 12_000 } as QuotaDecision)).toBe(12);
    expect(retryAfterSeconds({ retryAfterMs: 1 } as QuotaDecision)).toBe(1);
  });
});

describe('the circuit breaker', () => {
  // The probe period is real time in the service: here it passes on a fake clock, at once.
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('opens once on failures, probes in the background, and closes on the first good probe', async () => {
    let healthy = false;
    let probes = 0;
    const changes: CircuitState[] = [];
    const breaker = new CircuitBreaker(
      async () => {
        probes++;
        if (!healthy) throw new Error('down');
      },
      20,
      (state) => changes.push(state),
    );
    expect(breaker.closed).toBe(true);
    breaker.failure('down');
    breaker.failure('down');
    expect(breaker.current).toBe('open');
    await jest.advanceTimersByTimeAsync(19);
    expect(probes).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(probes).toBe(1);
    // However many probes and requests fail meanwhile, one switch.
    await jest.advanceTimersByTimeAsync(80);
    for (let i = 0; i < 10; i++) breaker.failure('down');
    expect(probes).toBe(5);
    expect(changes).toEqual(['open']);
    healthy = true;
    await jest.advanceTimersByTimeAsync(20);
    expect(probes).toBe(6);
    expect(breaker.current).toBe('closed');
    expect(changes).toEqual(['open', 'closed']);
    // Closed, it probes no more.
    await jest.advanceTimersByTimeAsync(1000);
    expect(probes).toBe(6);
    breaker.stop();
  });

  it('probes at once when asked (the connection is ready again), and stops for good', async () => {
    const changes: CircuitState[] = [];
    const breaker = new CircuitBreaker(async () => undefined, 60_000, (state) => changes.push(state));
    breaker.failure('down');
    breaker.probeNow();
    await jest.advanceTimersByTimeAsync(0);
    expect(changes).toEqual(['open', 'closed']);
    breaker.stop();
    breaker.failure('down');
    expect(breaker.closed).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });
});

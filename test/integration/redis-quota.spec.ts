import Redis from 'ioredis';
import { PrivateRedis } from '../support/private-redis';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { utcDay } from '../../src/quotas/gcra';
import { RedisQuotaBackend } from '../../src/quotas/redis-quota.backend';
import { accountKeys, authFailureKey } from '../../src/quotas/redis-quota.script';
import type { QuotaLimits } from '../../src/quotas/quota-policy';
import { RedisService } from '../../src/redis/redis.service';
import { until } from '../support/until';

/** The quota script itself, against the machine's Redis (fresh account ids, keys deleted after). */
const SHARED_REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('the quota script in Redis', () => {
  let client: Redis;
  let backend: RedisQuotaBackend;
  const used: string[] = [];
  const account = () => {
    const id = randomUUID();
    used.push(...accountKeys(id));
    return id;
  };
  const limits = (overrides: Partial<QuotaLimits> = {}): QuotaLimits => ({
    requestsPerMinute: 1000,
    executionsPerDay: 100_000,
    maxConcurrency: 1000,
    leaseTtlMs: 60_000,
    ...overrides,
  });
  /** `count` decisions one after the other, each with the time from the start of the first to its answer. */
  const burst = async (id: string, quota: QuotaLimits, count: number) => {
    const decisions = [];
    const started = performance.now();
    for (let i = 0; i < count; i++) decisions.push({ ...(await backend.decide(id, quota, randomUUID(), true)), afterMs: performance.now() - started });
    return decisions;
  };
  /** Everything the script keeps for an account. */
  const state = async (id: string) => {
    const [minute, day, leases] = accountKeys(id);
    return [await client.get(minute), await client.hgetall(day), await client.zrange(leases, 0, -1, 'WITHSCORES')];
  };

  const redisNowMs = async () => {
    const [seconds, micros] = await client.time();
    return Number(seconds) * 1000 + Number(micros) / 1000;
  };

  beforeAll(async () => {
    // A generous command timeout: the backend's answers are under test here, not how fast a loaded machine gets them.
    client = new Redis(SHARED_REDIS, RedisService.options('wasmwiz-test', 10_000));
    await new Promise((resolve) => client.once('ready', resolve));
    backend = new RedisQuotaBackend(client);
  });
  afterAll(async () => {
    if (used.length) await client.del(...used);
    client.disconnect();
  });

  it('allows a burst of exactly the limit per minute, then refuses with the time to the next request', async () => {
    for (const limit of [1, 3, 5, 7, 13, 19, 60]) {
      const id = account();
      const decisions = await burst(id, limits({ requestsPerMinute: limit }), limit + 2);
      const interval = Math.ceil(60_000_000 / limit) / 1000;
      // One request comes back every interval, counted from the first: a burst slower than that
      // (a loaded machine) may have had one more allowed for each interval it took, never more.
      const regained = Math.floor(decisions[limit + 1].afterMs / interval);
      const allowed = decisions.map((d) => d.allowed);
      expect(allowed.slice(0, limit)).toEqual(Array(limit).fill(true));
      expect(allowed.slice(limit).filter(Boolean).length).toBeLessThanOrEqual(regained);
      if (regained === 0) expect(allowed.slice(limit)).toEqual([false, false]);
      expect(decisions.map((d) => d.minute.remaining).slice(0, limit)).toEqual(Array.from({ length: limit }, (_, i) => limit - 1 - i));
      const denied = decisions.find((d) => !d.allowed);
      if (!denied) continue; // every extra one regained (a burst slower than two intervals)
      expect(denied).toMatchObject({ denied: 'minute', minute: { remaining: 0 } });
      expect(denied.retryAfterMs).toBeLessThanOrEqual(Math.ceil(interval));
      // The window counts from the first decision: a slow machine's burst has used some of it.
      expect(denied.retryAfterMs).toBeGreaterThan(interval - Math.max(500, denied.afterMs));
    }
  });

  it('writes nothing when a window refuses', async () => {
    const id = account();
    const quota = limits({ requestsPerMinute: 2, maxConcurrency: 5 });
    await burst(id, quota, 2);
    const before = await state(id);
    const denied = await backend.decide(id, quota, 'refused-lease', true);
    expect(denied.allowed).toBe(false);
    expect(await state(id)).toEqual(before);
    expect(await client.zscore(accountKeys(id)[2], 'refused-lease')).toBeNull();
  });

  it('counts executions per UTC day and refuses until midnight', async () => {
    const id = account();
    const decisions = await burst(id, limits({ executionsPerDay: 3 }), 5);
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, false]);
    expect(decisions.map((d) => d.day.remaining)).toEqual([2, 1, 0, 0, 0]);
    const toMidnight = 86_400_000 - (Date.now() % 86_400_000);
    expect(decisions[4]).toMatchObject({ denied: 'day' });
    expect(Math.abs(decisions[4].retryAfterMs - toMidnight)).toBeLessThan(2000);
    expect(await client.pttl(accountKeys(id)[1])).toBeGreaterThan(toMidnight);
  });

  it('holds at most maxConcurrency leases, until released or expired', async () => {
    const id = account();
    const quota = limits({ maxConcurrency: 2, leaseTtlMs: 300 });
    const [first, second, third] = await Promise.all(['a', 'b', 'c'].map((lease) => backend.decide(id, quota, lease, true)));
    expect([first.allowed, second.allowed, third.allowed].filter(Boolean)).toHaveLength(2);
    const refused = [first, second, third].find((d) => !d.allowed)!;
    expect(refused).toMatchObject({ denied: 'concurrency', retryAfterMs: 1000, concurrency: { limit: 2, inFlight: 2 } });
    await backend.release(id, first.allowed ? 'a' : 'b');
    expect((await backend.decide(id, quota, 'd', true)).allowed).toBe(true);
    const lastLeaseTaken = await redisNowMs();
    expect((await backend.decide(id, quota, 'e', true)).allowed).toBe(false);
    // A holder that never gives its lease back (a crashed instance) loses it at the expiry, on Redis's clock.
    await until(async () => (await redisNowMs()) > lastLeaseTaken + quota.leaseTtlMs, 10_000);
    expect(await backend.decide(id, quota, 'f', true)).toMatchObject({ allowed: true, concurrency: { inFlight: 1 } });
  });

  it('takes a lease alone beside the decisions\' leases, re-takes its own id, and leaves the windows alone', async () => {
    const id = account();
    const quota = limits({ maxConcurrency: 2, leaseTtlMs: 60_000 });
    expect((await backend.decide(id, quota, 'request', true)).allowed).toBe(true);
    const before = await state(id);
    expect(await backend.lease(id, 2, 'job-1', 300)).toBe(true);
    expect(await backend.lease(id, 2, 'job-2', 300)).toBe(false);
    expect((await backend.decide(id, quota, 'request-2', true))).toMatchObject({ allowed: false, denied: 'concurrency' });
    // A retried job asks for its own lease again: taken, its expiry renewed, nothing else held.
    expect(await backend.lease(id, 2, 'job-1', 60_000)).toBe(true);
    const [minute, day, leases] = await state(id);
    expect([minute, day]).toEqual(before.slice(0, 2));
    expect((leases as string[]).filter((_, index) => index % 2 === 0).sort()).toEqual(['job-1', 'request']);
    // A given-back lease rides along with the next lease, which then finds the slot free.
    void backend.release(id, 'request');
    expect(await backend.lease(id, 2, 'job-2', 300)).toBe(true);
    const held = await client.zrange(accountKeys(id)[2], 0, -1);
    expect(held.sort()).toEqual(['job-1', 'job-2']);
    const lastTaken = await redisNowMs();
    await until(async () => (await redisNowMs()) > lastTaken + 300, 10_000);
    expect(await backend.lease(id, 2, 'job-3', 300)).toBe(true);
    expect(await backend.lease(id, 2, 'job-4', 300)).toBe(false);
  });

  it('says when only a slot is missing, and takes the minute and the day without one for a queued run', async () => {
    const id = account();
    const quota = limits({ maxConcurrency: 1, requestsPerMinute: 3 });
    expect((await backend.decide(id, quota, 'held', true)).allowed).toBe(true);
    const refused = await backend.decide(id, quota, 'second', true);
    expect(refused).toMatchObject({ allowed: false, denied: 'concurrency', slotOnly: true });
    const queued = await backend.decide(id, quota, 'unused', true, 2, false);
    expect(queued).toMatchObject({ allowed: true, slotOnly: false, concurrency: { inFlight: 1 }, day: { remaining: quota.executionsPerDay - 3 } });
    expect(await client.zrange(accountKeys(id)[2], 0, -1)).toEqual(['held']);
    // The refused decision took nothing: the minute's third request is still there. Once it is
    // used up, a refusal is not for a slot alone, with or without one.
    expect((await backend.decide(id, quota, 'x', true, 1, false)).allowed).toBe(true);
    expect(await backend.decide(id, quota, 'y', true, 1, false)).toMatchObject({ allowed: false, denied: 'minute', slotOnly: false });
    expect((await backend.decide(id, quota, 'z', true)).slotOnly).toBe(false);
  });

  it('names the window with the longest wait when several refuse', async () => {
    const id = account();
    const quota = limits({ requestsPerMinute: 1, executionsPerDay: 1, maxConcurrency: 1 });
    expect((await backend.decide(id, quota, 'a', true)).allowed).toBe(true);
    // Minute (60 s), concurrency (1 s) and the day (until midnight, unless that is under a minute away).
    const denied = await backend.decide(id, quota, 'b', true);
    const toMidnight = 86_400_000 - (Date.now() % 86_400_000);
    expect(denied.denied).toBe(toMidnight > 62_000 ? 'day' : 'minute');
    expect(denied.retryAfterMs).toBeGreaterThanOrEqual(Math.min(toMidnight - 2000, 59_000));
  });

  it('peeks without taking anything, and follows a changed limit at once', async () => {
    const id = account();
    await burst(id, limits({ requestsPerMinute: 10, executionsPerDay: 10 }), 3);
    const peek = await backend.decide(id, limits({ requestsPerMinute: 10, executionsPerDay: 10 }), 'peek', false);
    expect(peek).toMatchObject({ allowed: true, minute: { remaining: 7 }, day: { remaining: 7 }, concurrency: { inFlight: 3 } });
    expect((await backend.decide(id, limits({ requestsPerMinute: 10, executionsPerDay: 10 }), 'peek', false)).minute.remaining).toBe(7);
    // The tier drops to 1 a minute: the 3 taken (18 s of the old pace) leave nothing for 18 s.
    expect(await backend.decide(id, limits({ requestsPerMinute: 1, executionsPerDay: 10 }), 'x', true)).toMatchObject({ allowed: false, denied: 'minute' });
    expect(await backend.decide(id, limits({ requestsPerMinute: 10, executionsPerDay: 3 }), 'x', true)).toMatchObject({ allowed: false, denied: 'day' });
  });

  it('takes many executions of the day at once, or none when fewer are left', async () => {
    const id = account();
    const daily = limits({ requestsPerMinute: 100, executionsPerDay: 10 });
    expect(await backend.decide(id, daily, 'x', true, 7)).toMatchObject({ allowed: true, day: { remaining: 3 } });
    expect(await backend.decide(id, daily, 'y', true, 4)).toMatchObject({ allowed: false, denied: 'day', day: { remaining: 3 } });
    expect((await backend.decide(id, daily, 'peek', false)).day.remaining).toBe(3);
    expect(await backend.decide(id, daily, 'z', true, 3)).toMatchObject({ allowed: true, day: { remaining: 0 } });
  });

  it('gives executions back to the day that charged them (never below zero), and leaves another day alone', async () => {
    const id = account();
    const daily = limits({ executionsPerDay: 10 });
    const charged = await backend.decide(id, daily, 'x', true, 7);
    const day = utcDay(charged.nowMs).day;
    await backend.refund(id, day, 5);
    expect((await backend.decide(id, daily, 'peek', false)).day.remaining).toBe(8);
    await backend.refund(id, day, 50);
    expect((await backend.decide(id, daily, 'peek', false)).day.remaining).toBe(10);
    await backend.decide(id, daily, 'y', true, 4);
    await backend.refund(id, day - 1, 4);
    expect((await backend.decide(id, daily, 'peek', false)).day.remaining).toBe(6);
  });

  it('keeps every key of an account under one hash tag (one Redis Cluster slot)', async () => {
    const id = account();
    await backend.decide(id, limits(), 'a', true);
    const keys = await client.keys(`*${id}*`);
    expect(keys.sort()).toEqual([...accountKeys(id)].sort());
    for (const key of keys) expect(key.startsWith(`{ww:acct:${id}}:`)).toBe(true);
  });

  it('reads its time from Redis TIME', async () => {
    const id = account();
    const decision = await backend.decide(id, limits(), 'a', true);
    const [seconds, micros] = await client.time();
    const redisNow = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    expect(redisNow - decision.nowMs).toBeGreaterThanOrEqual(0);
    expect(redisNow - decision.nowMs).toBeLessThan(1000);
  });

  it('limits failed authentications per address', async () => {
    const address = `test-${randomUUID()}`;
    used.push(authFailureKey(address));
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await backend.authFailure(address, 3));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false, false]);
    expect(results[3].retryAfterMs).toBeGreaterThan(19_000);
    expect(results[3].retryAfterMs).toBeLessThanOrEqual(20_000);
  });
  describe('a process stalled past the deadline (busy, or off the CPU) while the reply came', () => {
    /** Holds the event loop for `ms` once the command has been written (autopipelining writes in setImmediate). */
    const stallAfterWrite = (ms: number) =>
      setImmediate(() => {
        const end = Date.now() + ms;
        while (Date.now() < end);
      });

    it("takes the reply in its socket rather than a timeout", async () => {
      const held = new RedisQuotaBackend(client, 50);
      const decision = held.decide(account(), limits(), 'lease', true);
      stallAfterWrite(200);
      await expect(decision).resolves.toMatchObject({ allowed: true });
    });

    it("where ioredis's own commandTimeout fails it (why the deadline is the backend's)", async () => {
      const timed = new Redis(SHARED_REDIS, { commandTimeout: 50, enableAutoPipelining: true });
      try {
        await timed.ping();
        const reply = timed.ping();
        stallAfterWrite(200);
        await expect(reply).rejects.toThrow('Command timed out');
      } finally {
        timed.disconnect();
      }
    });

    it('still fails a command no reply comes for', async () => {
      // A Redis of the test's own, paused (the shared one is left alone).
      const own = await PrivateRedis.start();
      const paused = new Redis(own.url, { enableAutoPipelining: true });
      try {
        await paused.ping();
        await paused.client('PAUSE', 1000, 'ALL');
        const held = new RedisQuotaBackend(paused, 50);
        await expect(held.decide(account(), limits(), 'lease', true)).rejects.toThrow('Redis did not answer within 50 ms');
      } finally {
        paused.disconnect();
        await own.kill();
      }
    });
  });
});

import type { ServerResponse } from 'node:http';
import { InvalidationBus } from '../../src/redis/invalidation-bus.service';
import { SandboxPool } from '../../src/sandbox/sandbox-pool.service';
import { example, hostile } from '../support/fixtures';
import { executeForm, postExecute } from '../support/http';
import { PrivateRedis } from '../support/private-redis';
import { call, startTestApp, TestApp } from '../support/test-app';
import { apiFetch } from '../support/contract';
import { until } from '../support/until';

const SHARED_REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Generous on purpose: these tests are about which requests pass, not how fast a loaded machine decides. */
const REDIS_TIMEOUT = '5s';

async function setTier(service: TestApp, tier: string, limits: Record<string, number>) {
  const response = await service.admin('PATCH', `/api/v1/admin/tiers/${tier}`, limits);
  if (response.status !== 200) throw new Error(JSON.stringify(response.body));
}

describe('quotas against a real Redis', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp({ REDIS_URL: SHARED_REDIS, REDIS_TIMEOUT, EXECUTION_TIMEOUT: '1500ms' });
  });
  afterAll(() => service.close());
  const inFlight = async (key: string) => (await call(service.url, 'GET', '/api/v1/me', key)).body.quota.concurrency.inFlight;
  const running = () => service.app.get(SandboxPool).running;

  it('at 5 requests a minute, 8 quick requests give exactly 5 × 200 and 3 × 429 with the headers', async () => {
    await setTier(service, 'basic', { requestsPerMinute: 5, executionsPerDay: 1000, maxConcurrency: 10 });
    const { key } = await service.createKey('basic');
    const results = [];
    const started = Date.now();
    for (let i = 0; i < 8; i++) results.push({ ...(await postExecute(service.url, key, { wasm: example('hello') })), after: Date.now() - started });
    // One request comes back every 12 s, counted from the first: never earlier than the window allows.
    const soonestRetry = (answer: { after: number }) => Math.floor(12 - answer.after / 1000);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    const first = results[0].headers;
    expect(first.get('ratelimit-policy')).toBe('"minute";q=5;w=60, "day";q=1000;w=86400');
    expect(first.get('ratelimit')).toMatch(/^"minute";r=4;t=\d+, "day";r=999;t=\d+$/);
    expect(first.get('x-ratelimit-limit')).toBe('5');
    expect(first.get('x-ratelimit-remaining')).toBe('4');
    expect(Number(first.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(results[4].headers.get('x-ratelimit-remaining')).toBe('0');
    const denied = results[5];
    expect(denied.headers.get('content-type')).toContain('application/problem+json');
    expect(denied.body).toMatchObject({ code: 'rate_limited', policy: 'minute', limit: 5, windowSeconds: 60 });
    const retryAfter = Number(denied.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(soonestRetry(denied));
    expect(retryAfter).toBeLessThanOrEqual(12);
    expect(denied.headers.get('ratelimit')).toMatch(/^"minute";r=0;/);
    for (const refused of results.slice(5)) {
      expect(refused.body).toMatchObject({ code: 'rate_limited', policy: 'minute' });
      expect(refused.headers.get('ratelimit-policy')).toBe('"minute";q=5;w=60, "day";q=1000;w=86400');
      expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(soonestRetry(refused));
    }
  });

  it('sets the headers on a guarded answer refused after the quota was taken, and gives its executions back to the day', async () => {
    await setTier(service, 'basic', { requestsPerMinute: 5, executionsPerDay: 1000, maxConcurrency: 10 });
    const { key } = await service.createKey('basic');
    const invalid = await postExecute(service.url, key, { wasm: Buffer.from('not wasm') });
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get('ratelimit-policy')).toBe('"minute";q=5;w=60, "day";q=1000;w=86400');
    expect(invalid.headers.get('ratelimit')).toMatch(/^"minute";r=4;t=\d+, "day";r=1000;t=\d+$/);
    expect(invalid.headers.get('x-ratelimit-remaining')).toBe('4');
    const unknown = await call(service.url, 'POST', '/api/v1/modules/no-such-module/executions', key, {});
    expect(unknown.status).toBe(404);
    const refusedBatch = await call(service.url, 'POST', '/api/v1/modules/no-such-module/batches', key, { runs: [{}, {}, {}] });
    expect(refusedBatch.status).toBe(404);
    expect((await call(service.url, 'GET', '/api/v1/me', key)).body.quota).toMatchObject({ minute: { remaining: 2 }, day: { remaining: 1000 } });
    const ran = await postExecute(service.url, key, { wasm: example('hello') });
    expect(ran.status).toBe(200);
    expect(ran.headers.get('ratelimit')).toMatch(/"day";r=999;/);
  });

  it('with a daily quota of 3, the 4th and 5th executions of the day get 429', async () => {
    await setTier(service, 'pro', { requestsPerMinute: 1000, executionsPerDay: 3, maxConcurrency: 10 });
    const { key } = await service.createKey('pro');
    const statuses = [];
    let last;
    for (let i = 0; i < 5; i++) {
      last = await postExecute(service.url, key, { wasm: example('hello') });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(last!.body).toMatchObject({ code: 'rate_limited', policy: 'day', limit: 3 });
    const secondsToMidnight = Math.ceil((86_400_000 - (Date.now() % 86_400_000)) / 1000);
    expect(Math.abs(Number(last!.headers.get('retry-after')) - secondsToMidnight)).toBeLessThanOrEqual(2);
    const me = await call(service.url, 'GET', '/api/v1/me', key);
    expect(me.body.quota.day).toMatchObject({ limit: 3, remaining: 0 });
  });

  it('keeps one account to its concurrency, naming the policy', async () => {
    await setTier(service, 'free', { requestsPerMinute: 1000, executionsPerDay: 1000, maxConcurrency: 1 });
    const { key } = await service.createKey('free');
    const busy = postExecute(service.url, key, { wasm: hostile('busy-loop') });
    await until(() => running() === 1, 30_000);
    const second = await postExecute(service.url, key, { wasm: example('hello') });
    expect(second.status).toBe(429);
    expect(second.body).toMatchObject({ code: 'rate_limited', policy: 'concurrency', limit: 1 });
    expect((await busy).body.status).toBe('time_limit_exceeded');
    // The lease goes back as the answer is sent, which the client may read first.
    await until(async () => (await inFlight(key)) === 0, 10_000);
    expect((await postExecute(service.url, key, { wasm: example('hello') })).status).toBe(200);
  });

  it('keeps the concurrency slot of a client that hung up until its execution ends', async () => {
    await setTier(service, 'free', { requestsPerMinute: 1000, executionsPerDay: 1000, maxConcurrency: 1 });
    const { key } = await service.createKey('free');
    const hangUp = new AbortController();
    const served = new Promise<ServerResponse>((resolve) => service.app.getHttpServer().once('request', (_request, response) => resolve(response)));
    const busy = apiFetch(`${service.url}/api/v1/execute`, {
      method: 'POST',
      body: executeForm({ wasm: hostile('busy-loop') }),
      headers: { authorization: `Bearer ${key}` },
      signal: hangUp.signal,
    }).catch(() => undefined);
    const response = await served;
    await until(() => running() === 1, 30_000);
    hangUp.abort();
    await busy;
    await new Promise((resolve) => response.once('close', resolve));
    expect(response.writableFinished).toBe(false); // the service saw the client go, before answering
    // The busy loop still runs in the pool (until its 1.5 s timeout): no second slot.
    const second = await postExecute(service.url, key, { wasm: example('hello') });
    expect(second.status).toBe(429);
    expect(second.body).toMatchObject({ policy: 'concurrency' });
    await until(() => running() === 0, 30_000);
    await until(async () => (await inFlight(key)) === 0, 10_000);
    expect((await postExecute(service.url, key, { wasm: example('hello') })).status).toBe(200);
  });

  it('applies a tier edit on the next request', async () => {
    await setTier(service, 'enterprise', { requestsPerMinute: 1000, executionsPerDay: 1000, maxConcurrency: 10 });
    const { key } = await service.createKey('enterprise');
    expect((await postExecute(service.url, key, { wasm: example('hello') })).status).toBe(200);
    await setTier(service, 'enterprise', { executionsPerDay: 1 });
    const next = await postExecute(service.url, key, { wasm: example('hello') });
    expect(next.status).toBe(429);
    expect(next.body.policy).toBe('day');
    await setTier(service, 'enterprise', { executionsPerDay: 200000 });
  });

  it('two instances sharing one Redis and one database together allow exactly 5', async () => {
    const redis = await PrivateRedis.start();
    const first = await startTestApp({ REDIS_URL: redis.url, REDIS_TIMEOUT });
    const second = await startTestApp({ REDIS_URL: redis.url, REDIS_TIMEOUT, DATABASE_URL: first.databaseUrl });
    try {
      await setTier(first, 'basic', { requestsPerMinute: 5, executionsPerDay: 1000, maxConcurrency: 10 });
      const { key } = await first.createKey('basic');
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => postExecute(i % 2 ? second.url : first.url, key, { wasm: example('hello') })),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(5);
      expect(results.filter((r) => r.status === 429)).toHaveLength(5);
    } finally {
      await second.close();
      await first.close();
      await redis.kill();
    }
  });

  it('sees a revocation and a tier change made on another instance within a second', async () => {
    const redis = await PrivateRedis.start();
    const first = await startTestApp({ REDIS_URL: redis.url });
    const second = await startTestApp({ REDIS_URL: redis.url, DATABASE_URL: first.databaseUrl });
    try {
      const { key, id, accountId } = await first.createKey('basic');
      expect((await call(second.url, 'GET', '/api/v1/me', key)).body.account.tier).toBe('basic');
      // Both hear invalidations over Redis (so their caches may hold keys for longer than a second).
      expect(first.app.get(InvalidationBus).connected && second.app.get(InvalidationBus).connected).toBe(true);
      const within = (check: () => Promise<boolean>) => until(check, 1000).then(() => true, () => false);
      await first.admin('PATCH', `/api/v1/admin/accounts/${accountId}`, { tier: 'pro' });
      expect(await within(async () => (await call(second.url, 'GET', '/api/v1/me', key)).body.account?.tier === 'pro')).toBe(true);
      await call(first.url, 'DELETE', `/api/v1/keys/${id}`, key);
      expect(await within(async () => (await call(second.url, 'GET', '/api/v1/me', key)).status === 401)).toBe(true);
    } finally {
      await second.close();
      await first.close();
      await redis.kill();
    }
  });

  it('falls back to memory when Redis dies, never answering 5xx, and returns to Redis when it is back', async () => {
    const redis = await PrivateRedis.start();
    const app = await startTestApp({ REDIS_URL: redis.url, REDIS_TIMEOUT });
    const metric = async (pattern: RegExp) => Number(pattern.exec(await (await apiFetch(`${app.url}/metrics`)).text())?.[1]);
    const ratelimitCheck = async () => {
      const ready = await apiFetch(`${app.url}/health/ready`);
      return { status: ready.status, report: await ready.json() };
    };
    try {
      await setTier(app, 'basic', { requestsPerMinute: 6, executionsPerDay: 1000, maxConcurrency: 10 });
      const { key } = await app.createKey('basic');
      expect((await postExecute(app.url, key, { wasm: example('hello') })).status).toBe(200);
      expect((await ratelimitCheck()).report.checks.ratelimit).toMatchObject({ status: 'up', backend: 'redis' });
      await redis.kill();

      // The closed connection shows before any request has failed on it.
      await until(async () => (await ratelimitCheck()).report.checks.ratelimit.backend === 'memory', 5000);
      const down = await ratelimitCheck();
      expect(down.status).toBe(200);
      expect(down.report.status).toBe('degraded');
      expect(down.report.checks.ratelimit).toMatchObject({ status: 'degraded', backend: 'memory' });
      expect(await metric(/^wasmwiz_ratelimit_backend (\d+)$/m)).toBe(0);

      // 200 or 429, never 5xx (that failing probes switch nothing more: test/unit/quota-service.spec.ts).
      const statuses = [];
      for (let i = 0; i < 9; i++) statuses.push((await postExecute(app.url, key, { wasm: example('hello') })).status);
      expect(statuses.every((status) => status === 200 || status === 429)).toBe(true);
      // The memory fallback starts its own window: 6 allowed, then limited.
      expect(statuses.filter((status) => status === 200)).toHaveLength(6);
      const refused = await postExecute(app.url, key, { wasm: example('hello') });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('ratelimit-policy')).toBe('"minute";q=6;w=60, "day";q=1000;w=86400');
      expect((await call(app.url, 'GET', '/api/v1/me', key)).body.quota).toMatchObject({ backend: 'memory', minute: { remaining: 0 } });
      // One switch, however many requests and probes failed meanwhile.
      expect(await metric(/^wasmwiz_ratelimit_fallback_transitions_total\{to="memory"\} (\d+)$/m)).toBe(1);
      expect(await metric(/^wasmwiz_quota_decisions_total\{result="denied",policy="minute",backend="memory"\} (\d+)$/m)).toBe(4);

      // Back without any request to notice: the background probe finds it.
      await redis.restart();
      await until(async () => (await ratelimitCheck()).report.checks.ratelimit.backend === 'redis', 10_000);
      expect((await ratelimitCheck()).report.status).toBe('ready');
      expect(await metric(/^wasmwiz_ratelimit_backend (\d+)$/m)).toBe(1);
      expect(await metric(/^wasmwiz_ratelimit_fallback_transitions_total\{to="redis"\} (\d+)$/m)).toBe(1);
      // A fresh Redis: its own window again.
      expect((await postExecute(app.url, key, { wasm: example('hello') })).status).toBe(200);
      expect(await metric(/^wasmwiz_quota_decisions_total\{result="allowed",policy="none",backend="redis"\} (\d+)$/m)).toBe(2);
    } finally {
      await app.close();
      await redis.kill();
    }
  });
});

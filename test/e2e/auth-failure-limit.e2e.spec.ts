import { generateKey } from '../../src/auth/key-format';
import { InvalidationBus } from '../../src/redis/invalidation-bus.service';
import { PrivateRedis } from '../support/private-redis';
import { call, startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';
import { apiFetch } from '../support/contract';
import { until } from '../support/until';

/** The default AUTH_FAILURES_PER_MINUTE. */
const DEFAULT_BUDGET = 30;

type Setup = { label: string; start: () => Promise<{ env: Record<string, string>; stop: () => Promise<void> }> };

const setups: Setup[] = [
  { label: 'in memory', start: async () => ({ env: {}, stop: async () => undefined }) },
  {
    // A Redis of its own: every test client is 127.0.0.1, and other suites' 401s must not count.
    label: 'in Redis',
    start: async () => {
      const redis = await PrivateRedis.start();
      return { env: { REDIS_URL: redis.url }, stop: () => redis.kill() };
    },
  },
];

const me = (service: TestApp, credential?: string) => call(service.url, 'GET', '/api/v1/me', credential);

/** Failed attempts from this test's address (each claiming another one, which is not believed without TRUST_PROXY). */
let claimed = 0;
function fail(service: TestApp, count: number): Promise<number[]> {
  const attempts = Array.from({ length: count }, () =>
    apiFetch(`${service.url}/api/v1/me`, {
      headers: { authorization: `Bearer ${generateKey()}`, 'x-forwarded-for': `203.0.113.${(claimed++ % 254) + 1}` },
    }).then((response) => response.status),
  );
  return Promise.all(attempts);
}

/** Failed attempts one after the other until the address is refused; the statuses, the 429 last. */
async function failUntilRefused(service: TestApp): Promise<number[]> {
  const statuses: number[] = [];
  while (statuses.at(-1) !== 429) {
    if (statuses.length > 10 * DEFAULT_BUDGET) throw new Error(`never refused: ${statuses.join(' ')}`);
    statuses.push(...(await fail(service, 1)));
  }
  return statuses;
}

async function keyLookups(service: TestApp): Promise<number> {
  const metrics = await (await apiFetch(`${service.url}/metrics`)).text();
  return Number(/^wasmwiz_auth_key_lookups_total (\d+)/m.exec(metrics)?.[1]);
}

describe.each(setups)('the failed-authentication limit per address, counted $label', (setup) => {
  let stop: () => Promise<void>;
  /** At the default budget, whose refusal after a burst lasts until the next failure is allowed (2 s). */
  let service: TestApp;
  /** At one failure a minute: a blocked address stays blocked for the whole test. */
  let strict: TestApp;

  beforeAll(async () => {
    const started = await setup.start();
    stop = started.stop;
    service = await startTestApp(started.env);
    strict = await startTestApp({ ...started.env, AUTH_FAILURES_PER_MINUTE: '1' });
  }, 180_000);
  afterAll(async () => {
    await Promise.all([service.close(), strict.close()]);
    await stop();
  });

  it('after 31 failures from an address, a valid key and the admin token from it still answer 200', async () => {
    const { key } = await service.createKey('pro');
    const statuses = await failUntilRefused(service);
    // Exactly the budget on a quick machine; one more per 2 s (the sustained rate) on a slow one.
    expect(statuses.filter((status) => status === 401).length).toBeGreaterThanOrEqual(DEFAULT_BUDGET);
    const [valid, admin] = await Promise.all([me(service, key), call(service.url, 'GET', '/api/v1/admin/accounts', TEST_ADMIN_TOKEN)]);
    expect(valid.status).toBe(200);
    expect(admin.status).toBe(200);
  });

  it('a blocked address gets 429 for every invalid credential, and 200 for every valid one', async () => {
    const { key } = await strict.createKey('pro');
    const revoked = await strict.createKey('pro');
    expect((await call(strict.url, 'DELETE', `/api/v1/keys/${revoked.id}`, revoked.key)).status).toBe(200);
    expect(await fail(strict, 2)).toContain(429);

    const issuedWhileBlocked = await strict.createKey('basic');
    for (const valid of [key, issuedWhileBlocked.key]) expect((await me(strict, valid)).status).toBe(200);
    expect((await call(strict.url, 'GET', '/api/v1/admin/accounts', TEST_ADMIN_TOKEN)).status).toBe(200);
    for (const invalid of [undefined, 'not-a-key', 'ww_live_0000000000000000000000AAAAAA', `${TEST_ADMIN_TOKEN}x`, generateKey(), revoked.key]) {
      const refused = await me(strict, invalid);
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ code: 'rate_limited', policy: 'auth', limit: 1 });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('looks no guessed key up in the database while the address is blocked', async () => {
    await fail(strict, 2);
    const before = await keyLookups(strict);
    const guesses = await Promise.all(Array.from({ length: 200 }, () => me(strict, generateKey())));
    expect(guesses.map((guess) => guess.status)).toEqual(Array(200).fill(429));
    // The filter of issued keys lets about 1 % of random guesses through to a lookup.
    expect((await keyLookups(strict)) - before).toBeLessThan(20);
  });
});

describe('a key issued on another instance', () => {
  it('gets through from an address this instance refuses, once the instances hear each other', async () => {
    const redis = await PrivateRedis.start();
    const issuer = await startTestApp({ REDIS_URL: redis.url });
    const refusing = await startTestApp({ REDIS_URL: redis.url, DATABASE_URL: issuer.databaseUrl, AUTH_FAILURES_PER_MINUTE: '1' });
    try {
      const connected = (app: TestApp) => app.app.get(InvalidationBus).connected;
      await until(() => connected(issuer) && connected(refusing), 5000);
      expect(await fail(refusing, 2)).toContain(429);
      const { key } = await issuer.createKey('pro');
      await until(async () => (await me(refusing, key)).status === 200, 5000);
      expect((await me(refusing, generateKey())).status).toBe(429);
    } finally {
      await Promise.all([refusing.close(), issuer.close()]);
      await redis.kill();
    }
  });
});

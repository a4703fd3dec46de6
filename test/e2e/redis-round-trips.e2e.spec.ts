import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { ROOT } from '../support/fixtures';
import { uploadModule } from '../support/http';
import { PrivateRedis } from '../support/private-redis';
import { call, startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

const CLIENTS = 8;
const RUNS_PER_CLIENT = 10;

/** Every command the service sends its Redis, as MONITOR sees it, while it runs stored modules. */
describe('Redis round trips of an execution', () => {
  let redis: PrivateRedis;
  let service: TestApp;
  let base: Redis;
  let monitor: Redis;
  const commands: string[][] = [];

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    service = await startTestApp({ REDIS_URL: redis.url, REDIS_TIMEOUT: '5s' });
    base = new Redis(redis.url);
    monitor = await base.monitor();
    // Commands a script runs show too, from the source `lua`: only what crosses the network counts.
    monitor.on('monitor', (_time: string, args: string[], source: string) => source !== 'lua' && commands.push(args));
  });
  afterAll(async () => {
    monitor?.disconnect();
    base?.disconnect();
    await service?.close();
    await redis?.kill();
  });

  it('is one script per execution: the lease goes back inside the next decision (or in one batch after a few ms)', async () => {
    const { key, accountId } = await service.createKey('enterprise');
    const upload = await uploadModule(service.url, key, readFileSync(join(ROOT, 'test/fixtures/wat/tiny-echo.wasm')), 'tiny-echo');
    const run = () => call(service.url, 'POST', `/api/v1/modules/${upload.body.id}/executions`, key, { stdin: 'hi' });
    await run();
    await until(() => commands.some((args) => args[0].toLowerCase() === 'zrem'), 10_000);
    commands.length = 0;

    const client = async () => {
      for (let i = 0; i < RUNS_PER_CLIENT; i++) expect((await run()).status).toBe(200);
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    const executions = CLIENTS * RUNS_PER_CLIENT;
    const leases = `{ww:acct:${accountId}}:leases`;
    // No ready check: its INFO would cross the monitor (ioredis has failed on that with a command queue state error).
    const reader = new Redis(redis.url, { enableReadyCheck: false });
    // Every lease is given back, the last ones by the batch that follows their answer.
    await until(async () => (await reader.zcard(leases)) === 0, 10_000);
    reader.disconnect();

    const names = commands.map((args) => args[0].toLowerCase()).filter((name) => name !== 'zcard' && name !== 'info'); // the test's own reader
    const decisions = names.filter((name) => name === 'evalsha' || name === 'eval').length;
    const removals = names.filter((name) => name === 'zrem').length;
    expect(decisions).toBe(executions);
    // Only releases no decision came for within the linger go on their own (they batch many leases).
    expect(removals).toBeLessThan(executions / 2);
    expect(names.filter((name) => !['evalsha', 'eval', 'zrem', 'ping', 'multi', 'exec'].includes(name))).toEqual([]);
  });
});

/**
 * npm run build && node dist/test/bench/quota-latency.js [count]
 *
 * What one quota decision costs, on the local Redis (TEST_REDIS_URL, default 127.0.0.1:6379):
 * the script alone (one EVALSHA), the service's whole take + release as the guard does it, and
 * the in-memory fallback. Sequential calls on fresh accounts with a limit that never refuses.
 */
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config/app-config';
import type { KeyPrincipal } from '../../src/access/principal';
import { MetricsService } from '../../src/metrics/metrics.service';
import { MemoryQuotaBackend } from '../../src/quotas/memory-quota.backend';
import { QuotaBackends } from '../../src/quotas/quota-backends.service';
import { QuotaMetrics } from '../../src/quotas/quota-metrics.service';
import { rateLimitHeaders } from '../../src/quotas/quota-policy';
import { QuotaService } from '../../src/quotas/quota.service';
import { RedisQuotaBackend } from '../../src/quotas/redis-quota.backend';
import { accountKeys } from '../../src/quotas/redis-quota.script';
import { RedisService } from '../../src/redis/redis.service';
import { latencies, round } from './measure';

const COUNT = Number(process.argv[2] ?? 5000);
const LIMITS = { requestsPerMinute: 10_000_000, executionsPerDay: 100_000_000, maxConcurrency: 1000, leaseTtlMs: 65_000 };

function summary(name: string, result: { samples: number[] }) {
  const sorted = [...result.samples].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  console.log(`${name.padEnd(34)} p50 ${at(0.5)} ms  p99 ${at(0.99)} ms  p99.9 ${at(0.999)} ms  mean ${round(mean)} ms  (${sorted.length} calls)`);
}

async function main(): Promise<void> {
  const config = loadConfig({ REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', LOG_LEVEL: 'warn' });
  const redis = new RedisService(config);
  await new Promise((resolve) => redis.client!.once('ready', resolve));
  const accounts = Array.from({ length: 50 }, () => randomUUID());
  const backend = new RedisQuotaBackend(redis.client!);
  const metrics = new QuotaMetrics(new MetricsService());
  const backends = new QuotaBackends(config, redis, metrics);
  const quotas = new QuotaService(backends, metrics);
  const principal = (accountId: string) =>
    ({ account: { id: accountId }, tier: LIMITS, limits: { timeoutMs: 5000 } }) as unknown as KeyPrincipal;
  const principals = accounts.map(principal);
  try {
    // Warm-up: script loaded on the connection, JIT.
    for (let i = 0; i < 500; i++) await backend.decide(accounts[i % 50], LIMITS, 'warm', false);

    let i = 0;
    summary('EVALSHA decide (take)', await latencies(COUNT, () => backend.decide(accounts[i++ % 50], LIMITS, randomUUID(), true)));
    i = 0;
    summary('EVALSHA decide (peek)', await latencies(COUNT, () => backend.decide(accounts[i++ % 50], LIMITS, 'peek', false)));
    i = 0;
    summary(
      'QuotaService.take + headers',
      await latencies(COUNT, async () => {
        const ticket = await quotas.take(principals[i++ % 50]);
        rateLimitHeaders(ticket.decision);
        ticket.release();
      }),
    );
    const memory = new MemoryQuotaBackend(1);
    i = 0;
    summary('memory decide (take + release)', await latencies(COUNT, async () => {
      const lease = String(i);
      await memory.decide(accounts[i++ % 50], LIMITS, lease, true);
      await memory.release(accounts[(i - 1) % 50], lease);
    }));
  } finally {
    await redis.client!.del(...accounts.flatMap(accountKeys));
    backends.onModuleDestroy();
    await redis.onApplicationShutdown();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

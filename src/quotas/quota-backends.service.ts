import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ContributesReadiness, ReadinessCheck, ReadinessContributor } from '../readiness/readiness-contributor';
import { RedisService } from '../redis/redis.service';
import { CircuitBreaker } from './circuit-breaker';
import { MemoryQuotaBackend } from './memory-quota.backend';
import { QuotaBackend } from './quota-backend';
import { QuotaMetrics } from './quota-metrics.service';
import { RedisQuotaBackend } from './redis-quota.backend';

/** While Redis is away, it is asked again this often (and at once when its connection is ready). */
const PROBE_EVERY_MS = 1000;
/** Lease releases that failed while Redis was away, given back when it answers again. */
const MAX_PENDING_RELEASES = 10_000;

/**
 * Where quota questions go: Redis while the circuit breaker is closed, the same algorithm in
 * memory while it is open (a Redis outage costs no request an error). Leases given back while
 * Redis is away are kept and given back when it answers again.
 */
@ContributesReadiness('ratelimit')
@Injectable()
export class QuotaBackends implements OnModuleDestroy, ReadinessContributor {
  private readonly logger = new Logger('Quota');
  private readonly redis: RedisQuotaBackend | null;
  private readonly memory: MemoryQuotaBackend;
  private readonly breaker: CircuitBreaker;
  private pendingReleases: { accountId: string; leaseId: string }[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    redis: RedisService,
    metrics: QuotaMetrics,
  ) {
    const client = redis.client;
    this.redis = client ? new RedisQuotaBackend(client, redis.commandTimeoutMs) : null;
    this.memory = new MemoryQuotaBackend(config.instanceCount);
    this.breaker = new CircuitBreaker(
      () => this.redis!.ping(),
      PROBE_EVERY_MS,
      (state, reason) => {
        if (state === 'open') {
          metrics.switchedTo('memory');
          this.logger.warn(`Redis is not answering (${reason}): rate limits fall back to memory, each limit divided by ${config.instanceCount}`);
        } else {
          metrics.switchedTo('redis');
          this.logger.log('Redis answers again: rate limits are decided in Redis');
          this.flushPendingReleases();
        }
      },
    );
    // The connection's own events move the breaker too: a dead Redis shows in readiness before
    // any request fails on it, and a reconnected one is probed at once.
    client?.on('close', () => this.breaker.failure('connection closed'));
    client?.on('ready', () => this.breaker.probeNow());
    metrics.watchBackend(() => this.usingRedis);
  }

  get usingRedis(): boolean {
    return this.redis !== null && this.breaker.closed;
  }

  /** Asks Redis while it answers, else memory; a Redis failure opens the breaker and asks memory. */
  async run<T>(call: (backend: QuotaBackend) => Promise<T>): Promise<T> {
    if (this.redis && this.breaker.closed) {
      try {
        return await call(this.redis);
      } catch (error) {
        this.breaker.failure((error as Error).message);
      }
    }
    return call(this.memory);
  }

  /**
   * Gives a lease back to the backend that granted it; a Redis lease is retried once Redis is
   * back. Settles (never rejects) once it is given back, or kept for later.
   */
  releaseLease(backend: QuotaBackend, accountId: string, leaseId: string, now = false): Promise<void> {
    if (backend !== this.redis) return backend.release(accountId, leaseId);
    if (!this.breaker.closed) {
      this.deferRelease(accountId, leaseId);
      return Promise.resolve();
    }
    return backend.release(accountId, leaseId, now).catch((error: Error) => {
      this.deferRelease(accountId, leaseId);
      this.breaker.failure(error.message);
    });
  }

  /**
   * Gives executions back to the backend that charged them. A Redis refund is not retried: while
   * Redis is away, or if it fails, the day keeps the charge (in the customer's disfavour, never
   * past the limit).
   */
  refund(backend: QuotaBackend, accountId: string, day: number, executions: number): void {
    if (backend === this.redis && !this.breaker.closed) return;
    backend.refund(accountId, day, executions).catch((error: Error) => this.breaker.failure(error.message));
  }

  onModuleDestroy(): void {
    // The Redis connection is closed at shutdown: that is no outage to report.
    this.breaker.stop();
    // Queued ahead of the connection's QUIT (at application shutdown, after this).
    if (this.usingRedis) void this.redis!.flushReleases().catch(() => undefined);
  }

  readiness(): ReadinessCheck {
    if (!this.redis) return { status: 'up', backend: 'memory', reason: 'no REDIS_URL: limits are per instance' };
    if (this.usingRedis) return { status: 'up', backend: 'redis' };
    return {
      status: 'degraded',
      backend: 'memory',
      reason: `Redis is not answering: limits are decided in memory, each divided by ${this.config.instanceCount}`,
    };
  }

  private deferRelease(accountId: string, leaseId: string): void {
    // Past the bound, leases lapse by their expiry instead.
    if (this.pendingReleases.length < MAX_PENDING_RELEASES) this.pendingReleases.push({ accountId, leaseId });
  }

  private flushPendingReleases(): void {
    if (!this.redis || this.pendingReleases.length === 0) return;
    const batch = this.pendingReleases;
    this.pendingReleases = [];
    this.redis.releaseAll(batch).catch(() => {
      for (const lease of batch) this.deferRelease(lease.accountId, lease.leaseId);
    });
  }
}

import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { randomUUID } from 'node:crypto';
import { Counter, Gauge } from 'prom-client';
import type { KeyPrincipal } from '../auth/principal';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ReadinessService } from '../health/readiness.service';
import type { ProblemException } from '../http/problem';
import { MetricsService } from '../metrics/metrics.service';
import { RedisService } from '../redis/redis.service';
import { CircuitBreaker } from './circuit-breaker';
import { MemoryQuotaBackend } from './memory-quota.backend';
import { QuotaBackend } from './quota-backend';
import { limitsOf, QuotaDecision, WindowPolicy } from './quota-policy';
import { authRateLimited } from './rate-limited.error';
import { RedisQuotaBackend } from './redis-quota.backend';

/** While Redis is away, it is asked again this often (and at once when its connection is ready). */
const PROBE_EVERY_MS = 1000;
/** Lease releases that failed while Redis was away, given back when it answers again. */
const MAX_PENDING_RELEASES = 10_000;

type Backend = 'redis' | 'memory';
type DecisionPolicy = WindowPolicy | 'none';
const DECISION_POLICIES: DecisionPolicy[] = ['none', 'minute', 'day', 'concurrency'];

/** A taken quota decision and, when allowed, its concurrency lease, given back exactly once. */
export class QuotaTicket {
  private released: boolean;

  constructor(
    readonly decision: QuotaDecision,
    private readonly service: QuotaService,
    private readonly backend: QuotaBackend,
    private readonly accountId: string,
    private readonly leaseId: string,
  ) {
    this.released = !decision.allowed;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.service.releaseLease(this.backend, this.accountId, this.leaseId);
  }
}

/**
 * Quota decisions: one script call on Redis while the circuit breaker is closed, the same
 * algorithm in memory while it is open (a Redis outage costs no request an error), and the
 * per-address budget of failed authentications.
 */
@Injectable()
export class QuotaService implements OnModuleDestroy {
  private readonly logger = new Logger('Quota');
  private readonly redis: RedisQuotaBackend | null;
  private readonly memory: MemoryQuotaBackend;
  private readonly breaker: CircuitBreaker;
  /** Counter children by backend and policy, made once: counting a decision allocates nothing. */
  private readonly decisions: Record<Backend, Record<DecisionPolicy, Counter.Internal>>;
  private readonly authBlockedUntil = new LRUCache<string, number>({ max: 100_000 });
  private pendingReleases: { accountId: string; leaseId: string }[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    redis: RedisService,
    metrics: MetricsService,
    readiness: ReadinessService,
  ) {
    const client = redis.client;
    this.redis = client ? new RedisQuotaBackend(client) : null;
    this.memory = new MemoryQuotaBackend(config.instanceCount);
    const transitions = new Counter({
      name: 'wasmwiz_ratelimit_fallback_transitions_total',
      help: 'Switches of rate limiting between Redis and the in-memory fallback',
      labelNames: ['to'],
      registers: [metrics.registry],
    });
    this.breaker = new CircuitBreaker(
      () => client!.ping(),
      PROBE_EVERY_MS,
      (state, reason) => {
        if (state === 'open') {
          transitions.inc({ to: 'memory' });
          this.logger.warn(`Redis is not answering (${reason}): rate limits fall back to memory, each limit divided by ${config.instanceCount}`);
        } else {
          transitions.inc({ to: 'redis' });
          this.logger.log('Redis answers again: rate limits are decided in Redis');
          this.flushPendingReleases();
        }
      },
    );
    // The connection's own events move the breaker too: a dead Redis shows in readiness before
    // any request fails on it, and a reconnected one is probed at once.
    client?.on('close', () => this.breaker.failure('connection closed'));
    client?.on('ready', () => this.breaker.probeNow());

    const counter = new Counter({
      name: 'wasmwiz_quota_decisions_total',
      help: 'Quota decisions by result, deciding policy (none when allowed) and backend',
      labelNames: ['result', 'policy', 'backend'],
      registers: [metrics.registry],
    });
    const children = (backend: Backend) =>
      Object.fromEntries(
        DECISION_POLICIES.map((policy) => [policy, counter.labels(policy === 'none' ? 'allowed' : 'denied', policy, backend)]),
      ) as Record<DecisionPolicy, Counter.Internal>;
    this.decisions = { redis: children('redis'), memory: children('memory') };
    const service = this;
    new Gauge({
      name: 'wasmwiz_ratelimit_backend',
      help: '1 while rate limits are decided in Redis, 0 while in memory (fallback, or no REDIS_URL)',
      registers: [metrics.registry],
      collect() {
        this.set(service.usingRedis ? 1 : 0);
      },
    });
    readiness.register({ name: 'ratelimit', check: () => this.readiness() });
  }

  get usingRedis(): boolean {
    return this.redis !== null && this.breaker.closed;
  }

  /** Takes one execution from every window of the key's account, with a concurrency lease. */
  async take(principal: KeyPrincipal): Promise<QuotaTicket> {
    const leaseId = randomUUID();
    const accountId = principal.account.id;
    const limits = limitsOf(principal.tier, principal.limits.timeoutMs);
    return this.run(async (backend) => {
      const decision = await backend.decide(accountId, limits, leaseId, true);
      this.decisions[backend.name][decision.denied ?? 'none'].inc();
      return new QuotaTicket(decision, this, backend, accountId, leaseId);
    });
  }

  /** What is left, without taking anything. */
  async peek(principal: KeyPrincipal): Promise<QuotaDecision> {
    const limits = limitsOf(principal.tier, principal.limits.timeoutMs);
    return this.run((backend) => backend.decide(principal.account.id, limits, 'peek', false));
  }

  /** Gives a lease back to the backend that granted it; a Redis lease is retried once Redis is back. */
  releaseLease(backend: QuotaBackend, accountId: string, leaseId: string): void {
    if (backend !== this.redis) {
      void backend.release(accountId, leaseId);
      return;
    }
    if (!this.breaker.closed) {
      this.deferRelease(accountId, leaseId);
      return;
    }
    backend.release(accountId, leaseId).catch((error: Error) => {
      this.deferRelease(accountId, leaseId);
      this.breaker.failure(error.message);
    });
  }

  /**
   * Counts a failed authentication from `address`. Past the budget its failures are refused with
   * 429 (remembered here until its retry time, so refusals cost no Redis call).
   */
  async authFailure(address: string): Promise<void> {
    const decision = await this.run((backend) => backend.authFailure(address, this.config.authFailuresPerMinute));
    if (!decision.allowed) {
      this.authBlockedUntil.set(address, Date.now() + decision.retryAfterMs);
      throw authRateLimited(decision.retryAfterMs, this.config.authFailuresPerMinute);
    }
  }

  /** The 429 a failed authentication from `address` gets while it is over its budget, or null. */
  authBlock(address: string): ProblemException | null {
    const until = this.authBlockedUntil.get(address);
    if (until === undefined) return null;
    if (until > Date.now()) return authRateLimited(until - Date.now(), this.config.authFailuresPerMinute);
    this.authBlockedUntil.delete(address);
    return null;
  }

  onModuleDestroy(): void {
    // The Redis connection is closed at shutdown: that is no outage to report.
    this.breaker.stop();
  }

  private async run<T>(call: (backend: QuotaBackend) => Promise<T>): Promise<T> {
    if (this.redis && this.breaker.closed) {
      try {
        return await call(this.redis);
      } catch (error) {
        this.breaker.failure((error as Error).message);
      }
    }
    return call(this.memory);
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

  private readiness() {
    if (!this.redis) return { status: 'up' as const, backend: 'memory', reason: 'no REDIS_URL: limits are per instance' };
    if (this.usingRedis) return { status: 'up' as const, backend: 'redis' };
    return {
      status: 'degraded' as const,
      backend: 'memory',
      reason: `Redis is not answering: limits are decided in memory, each divided by ${this.config.instanceCount}`,
    };
  }
}

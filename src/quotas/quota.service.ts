import { Inject, Injectable, Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { randomUUID } from 'node:crypto';
import { Counter, Gauge } from 'prom-client';
import type { KeyPrincipal } from '../auth/principal';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ReadinessService } from '../health/readiness.service';
import { MetricsService } from '../metrics/metrics.service';
import { RedisService } from '../redis/redis.service';
import { CircuitBreaker } from './circuit-breaker';
import { MemoryQuotaBackend } from './memory-quota.backend';
import { QuotaBackend } from './quota-backend';
import { limitsOf, QuotaDecision } from './quota-policy';
import { authRateLimited } from './rate-limited.error';
import { RedisQuotaBackend } from './redis-quota.backend';

const PROBE_AFTER_MS = 1000;

/** A taken quota decision; `release` gives the concurrency slot back (idempotent). */
export interface QuotaTicket {
  decision: QuotaDecision;
  release(): void;
}

/**
 * Quota decisions: one script call on Redis when it answers, the same algorithm in memory when
 * it does not (behind a circuit breaker, so a Redis outage costs no request an error).
 */
@Injectable()
export class QuotaService {
  private readonly logger = new Logger('Quota');
  private readonly redis: RedisQuotaBackend | null;
  private readonly memory: MemoryQuotaBackend;
  private readonly breaker: CircuitBreaker;
  private readonly decisions: Counter<'result' | 'policy' | 'backend'>;
  private readonly authBlockedUntil = new LRUCache<string, number>({ max: 100_000 });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    redis: RedisService,
    metrics: MetricsService,
    readiness: ReadinessService,
  ) {
    this.redis = redis.client ? new RedisQuotaBackend(redis.client) : null;
    this.memory = new MemoryQuotaBackend(config.instanceCount);
    const transitions = new Counter({
      name: 'wasmwiz_ratelimit_fallback_transitions_total',
      help: 'Switches of rate limiting between Redis and the in-memory fallback',
      labelNames: ['to'],
      registers: [metrics.registry],
    });
    this.breaker = new CircuitBreaker(PROBE_AFTER_MS, (state, reason) => {
      if (state === 'open') {
        transitions.inc({ to: 'memory' });
        this.logger.warn(`Redis is not answering (${reason}): rate limits fall back to memory, each limit divided by ${config.instanceCount}`);
      } else if (state === 'closed') {
        transitions.inc({ to: 'redis' });
        this.logger.log('Redis answers again: rate limits are decided in Redis');
      }
    });
    this.decisions = new Counter({
      name: 'wasmwiz_quota_decisions_total',
      help: 'Quota decisions by result, deciding policy and backend',
      labelNames: ['result', 'policy', 'backend'],
      registers: [metrics.registry],
    });
    const service = this;
    new Gauge({
      name: 'wasmwiz_ratelimit_backend',
      help: '1 while rate limits are decided in Redis, 0 while in the in-memory fallback',
      registers: [metrics.registry],
      collect() {
        this.set(service.usingRedis ? 1 : 0);
      },
    });
    readiness.register({ name: 'ratelimit', check: () => this.readiness() });
  }

  get usingRedis(): boolean {
    return this.redis !== null && this.breaker.current === 'closed';
  }

  /** Takes one execution from every window of the key's account, with a concurrency slot. */
  async take(principal: KeyPrincipal): Promise<QuotaTicket> {
    const leaseId = randomUUID();
    const accountId = principal.account.id;
    const { decision, backend } = await this.run((b) => b.decide(accountId, limitsOf(principal.tier, principal.limits.timeoutMs), leaseId, true));
    this.decisions.inc({ result: decision.allowed ? 'allowed' : 'denied', policy: decision.denied ?? 'none', backend: backend.name });
    let released = !decision.allowed;
    return {
      decision,
      release: () => {
        if (released) return;
        released = true;
        backend.release(accountId, leaseId).catch(() => undefined);
      },
    };
  }

  /** What is left, without taking anything. */
  async peek(principal: KeyPrincipal): Promise<QuotaDecision> {
    const limits = limitsOf(principal.tier, principal.limits.timeoutMs);
    return (await this.run((b) => b.decide(principal.account.id, limits, 'peek', false))).decision;
  }

  /**
   * Counts a failed authentication from `address`. Past the budget the address is refused before
   * any key check (remembered here until its retry time, so blocked requests cost no Redis call).
   */
  async authFailure(address: string): Promise<void> {
    const { decision } = await this.run((b) => b.authFailure(address, this.config.authFailuresPerMinute));
    if (!decision.allowed) {
      this.authBlockedUntil.set(address, Date.now() + decision.retryAfterMs);
      throw authRateLimited(decision.retryAfterMs, this.config.authFailuresPerMinute);
    }
  }

  /** Refuses an address that used up its failed-authentication budget. */
  checkAuthBlocked(address: string): void {
    const until = this.authBlockedUntil.get(address);
    if (until === undefined) return;
    if (until <= Date.now()) this.authBlockedUntil.delete(address);
    else throw authRateLimited(until - Date.now(), this.config.authFailuresPerMinute);
  }

  private async run<T>(call: (backend: QuotaBackend) => Promise<T>): Promise<{ decision: T; backend: QuotaBackend }> {
    if (this.redis && this.breaker.allowPrimary()) {
      try {
        const decision = await call(this.redis);
        this.breaker.success();
        return { decision, backend: this.redis };
      } catch (error) {
        this.breaker.failure((error as Error).message);
      }
    }
    return { decision: await call(this.memory), backend: this.memory };
  }

  private readiness() {
    if (!this.redis) return { status: 'up' as const, backend: 'memory', reason: 'no REDIS_URL: limits are per instance' };
    if (this.usingRedis) return { status: 'up' as const, backend: 'redis' };
    return { status: 'degraded' as const, backend: 'memory', reason: 'Redis is not answering: limits fall back to memory' };
  }
}

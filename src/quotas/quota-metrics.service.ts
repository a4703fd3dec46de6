import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';
import type { WindowPolicy } from './quota-policy';

export type BackendName = 'redis' | 'memory';
type DecisionPolicy = WindowPolicy | 'none';
const DECISION_POLICIES: DecisionPolicy[] = ['none', 'minute', 'day', 'concurrency'];

/** The Prometheus view of rate limiting: decisions, backend switches, the backend in use. */
@Injectable()
export class QuotaMetrics {
  /** Counter children by backend and policy, made once: counting a decision allocates nothing. */
  private readonly decisions: Record<BackendName, Record<DecisionPolicy, Counter.Internal>>;
  private readonly transitions: Counter<'to'>;

  constructor(private readonly metrics: MetricsService) {
    this.transitions = new Counter({
      name: 'wasmwiz_ratelimit_fallback_transitions_total',
      help: 'Switches of rate limiting between Redis and the in-memory fallback',
      labelNames: ['to'],
      registers: [metrics.registry],
    });
    const counter = new Counter({
      name: 'wasmwiz_quota_decisions_total',
      help: 'Quota decisions by result, deciding policy (none when allowed) and backend',
      labelNames: ['result', 'policy', 'backend'],
      registers: [metrics.registry],
    });
    const children = (backend: BackendName) =>
      Object.fromEntries(
        DECISION_POLICIES.map((policy) => [policy, counter.labels(policy === 'none' ? 'allowed' : 'denied', policy, backend)]),
      ) as Record<DecisionPolicy, Counter.Internal>;
    this.decisions = { redis: children('redis'), memory: children('memory') };
  }

  /** A decision by `backend`, denied by `policy` (null when allowed). */
  decided(backend: BackendName, policy: WindowPolicy | null): void {
    this.decisions[backend][policy ?? 'none'].inc();
  }

  switchedTo(backend: BackendName): void {
    this.transitions.inc({ to: backend });
  }

  /** The backend gauge reads `usingRedis` at each scrape. */
  watchBackend(usingRedis: () => boolean): void {
    new Gauge({
      name: 'wasmwiz_ratelimit_backend',
      help: '1 while rate limits are decided in Redis, 0 while in memory (fallback, or no REDIS_URL)',
      registers: [this.metrics.registry],
      collect() {
        this.set(usingRedis() ? 1 : 0);
      },
    });
  }
}

import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { ranInSandbox } from '../common/execution-statuses';
import { MetricsService } from '../metrics/metrics.service';

/** Prometheus view of executions (the pool's own gauges are in sandbox/pool-metrics.ts). */
@Injectable()
export class ExecutionMetrics {
  private readonly executions: Counter<'status' | 'tier'>;
  private readonly duration: Histogram<'status'>;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.executions = new Counter({ name: 'wasmwiz_executions_total', help: 'Executions by status and tier', labelNames: ['status', 'tier'], registers });
    this.duration = new Histogram({
      name: 'wasmwiz_execution_duration_seconds',
      help: 'Time modules ran (instantiate + _start)',
      labelNames: ['status'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
  }

  observe(status: string, tier: string, durationMs: number): void {
    this.executions.inc({ status, tier });
    if (ranInSandbox(status)) this.duration.observe({ status }, durationMs / 1000);
  }
}

import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { ranInSandbox } from '../common/execution-statuses';
import { MetricsService } from '../metrics/metrics.service';
import { SandboxPool } from '../sandbox/sandbox-pool.service';

/** Prometheus view of executions and of the pool that runs them. */
@Injectable()
export class ExecutionMetrics {
  private readonly executions: Counter<'status' | 'tier'>;
  private readonly duration: Histogram<'status'>;

  constructor(metrics: MetricsService, pool: SandboxPool) {
    const registers = [metrics.registry];
    this.executions = new Counter({ name: 'wasmwiz_executions_total', help: 'Executions by status and tier', labelNames: ['status', 'tier'], registers });
    this.duration = new Histogram({
      name: 'wasmwiz_execution_duration_seconds',
      help: 'Time modules ran (instantiate + _start)',
      labelNames: ['status'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    new Gauge({ name: 'wasmwiz_pool_threads', help: 'Sandbox worker threads', registers, collect() { this.set(pool.threads); } });
    new Gauge({ name: 'wasmwiz_pool_running', help: 'Executions running in the pool', registers, collect() { this.set(pool.running); } });
    new Gauge({
      name: 'wasmwiz_pool_threads_stopping',
      help: 'Sandbox threads told to stop at a timeout that have not exited yet',
      registers,
      collect() {
        this.set(pool.stoppingThreads);
      },
    });
    new Gauge({ name: 'wasmwiz_pool_queue_length', help: 'Executions waiting for a worker', registers, collect() { this.set(pool.queueLength); } });
    new Gauge({ name: 'wasmwiz_pool_utilization', help: 'Share of pool capacity in use (0..1)', registers, collect() { this.set(pool.utilization); } });
  }

  observe(status: string, tier: string, durationMs: number): void {
    this.executions.inc({ status, tier });
    if (ranInSandbox(status)) this.duration.observe({ status }, durationMs / 1000);
  }
}

import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';
import { SandboxPool } from './sandbox-pool.service';

/** Prometheus gauges of the pool, read when /metrics is scraped. */
@Injectable()
export class PoolMetrics {
  constructor(metrics: MetricsService, pool: SandboxPool) {
    const registers = [metrics.registry];
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
}

import { Injectable, Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';
import { JobQueue, type QueueBacklog } from './job-queue.service';

/**
 * Gauges of the durable queue per queue, read from pg-boss when /metrics is scraped: the depth
 * (jobs waiting) is what the executors' HPA scales on, the oldest job's age says whether they keep
 * up. One statement per scrape, whichever gauge asks first; a scrape while the database is away
 * keeps the last figures.
 */
@Injectable()
export class QueueMetrics {
  private readonly logger = new Logger(QueueMetrics.name);
  private reading: Promise<QueueBacklog[]> | null = null;

  constructor(metrics: MetricsService, jobs: JobQueue) {
    const registers = [metrics.registry];
    const logger = this.logger;
    const read = () => (this.reading ??= jobs.backlog().finally(() => setImmediate(() => (this.reading = null))));
    const gauge = (name: string, help: string, value: (backlog: QueueBacklog) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['queue'],
        registers,
        collect: async function (this: Gauge) {
          try {
            for (const backlog of await read()) this.set({ queue: backlog.queue }, value(backlog));
          } catch (error) {
            logger.warn(`queue figures unavailable: ${(error as Error).message}`);
          }
        },
      });
    gauge('wasmwiz_job_queue_depth', 'Jobs waiting in the durable queue to be fetched by an executor', (backlog) => backlog.waiting);
    gauge('wasmwiz_job_queue_active', 'Jobs of the durable queue being worked', (backlog) => backlog.active);
    gauge('wasmwiz_job_queue_oldest_age_seconds', 'How long the oldest waiting job of the queue has waited, in seconds (0 when none waits)', (backlog) => backlog.oldestWaitingSeconds);
  }
}

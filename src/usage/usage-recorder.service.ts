import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { MetricsService } from '../metrics/metrics.service';
import { ExecutionRecord } from './execution-record.entity';
import { addToRollups, insertRecords } from './usage-rollup';

const FLUSH_EVERY_MS = 1000;
const BATCH_ROWS = 500;
/** Rows kept while the database cannot take them; past this the oldest are dropped (and counted). */
const MAX_BUFFERED_ROWS = 100_000;
const RETRY_BACKOFF_MS = 2000;

/**
 * Writes execution records behind the response: rows are buffered and inserted in batches at
 * least every second and on shutdown, so Postgres latency never sits on the request path.
 */
@Injectable()
export class UsageRecorder implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(UsageRecorder.name);
  private buffer: ExecutionRecord[] = [];
  private flushing: Promise<void> | null = null;
  private timer?: NodeJS.Timeout;
  private retryAt = 0;
  private readonly backlog: Gauge;
  private readonly dropped: Counter;
  private readonly written: Counter;

  constructor(
    private readonly dataSource: DataSource,
    metrics: MetricsService,
  ) {
    this.backlog = new Gauge({
      name: 'wasmwiz_usage_writer_backlog',
      help: 'Execution records waiting to be written to Postgres',
      registers: [metrics.registry],
      collect: () => this.backlog.set(this.buffer.length),
    });
    this.dropped = new Counter({ name: 'wasmwiz_usage_records_dropped_total', help: 'Execution records dropped because the buffer was full', registers: [metrics.registry] });
    this.written = new Counter({ name: 'wasmwiz_usage_records_written_total', help: 'Execution records written to Postgres', registers: [metrics.registry] });
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  get pending(): number {
    return this.buffer.length;
  }

  record(row: ExecutionRecord): void {
    this.buffer.push(row);
    if (this.buffer.length > MAX_BUFFERED_ROWS) {
      const excess = this.buffer.length - MAX_BUFFERED_ROWS;
      this.buffer.splice(0, excess);
      this.dropped.inc(excess);
      this.logger.error(`usage buffer full: dropped ${excess} execution records`);
    }
    if (this.buffer.length >= BATCH_ROWS) void this.flush();
  }

  /** Writes everything buffered so far; concurrent calls share one flush. */
  flush(): Promise<void> {
    if (!this.flushing) {
      this.flushing = this.drain().finally(() => (this.flushing = null));
    }
    return this.flushing;
  }

  private async drain(): Promise<void> {
    while (this.buffer.length > 0 && this.dataSource.isInitialized && Date.now() >= this.retryAt) {
      const batch = this.buffer.slice(0, BATCH_ROWS);
      try {
        await this.dataSource.transaction(async (manager) => {
          await insertRecords(manager, batch);
          await addToRollups(manager, batch);
        });
        this.buffer.splice(0, batch.length);
        this.written.inc(batch.length);
      } catch (error) {
        this.retryAt = Date.now() + RETRY_BACKOFF_MS;
        this.logger.warn(`could not write ${batch.length} execution records, retrying: ${(error as Error).message}`);
      }
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** At a clean stop: one more try at everything buffered, reported if it still fails. */
  async flushAll(): Promise<void> {
    this.retryAt = 0;
    await this.flush();
    if (this.buffer.length > 0) this.logger.error(`${this.buffer.length} execution records could not be written at shutdown`);
  }
}

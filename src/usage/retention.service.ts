import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

const SWEEP_EVERY_MS = 10 * 60_000;
const BATCH_ROWS = 5000;

/** Deletes execution rows older than the retention period, in small batches so no lock is held long. */
@Injectable()
export class RetentionService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RetentionService.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Returns how many rows were deleted. */
  sweep(): Promise<number> {
    this.running ??= this.deleteExpired().finally(() => (this.running = null));
    return this.running;
  }

  private async deleteExpired(): Promise<number> {
    const cutoff = new Date(Date.now() - this.config.retentionDays * 86_400_000);
    let deleted = 0;
    try {
      for (;;) {
        const result = await this.dataSource.query(
          `DELETE FROM executions WHERE id IN (SELECT id FROM executions WHERE created_at < $1 LIMIT ${BATCH_ROWS})`,
          [cutoff],
        );
        const count = Array.isArray(result) ? Number(result[1] ?? 0) : 0;
        deleted += count;
        if (count < BATCH_ROWS) break;
      }
      await this.dataSource.query(`DELETE FROM usage_rollups WHERE hour < date_trunc('hour', $1::timestamptz, 'UTC')`, [cutoff]);
      // Callback attempts go with the runs they were about (written by the webhooks module).
      await this.dataSource.query(`DELETE FROM webhook_attempts WHERE attempted_at < $1`, [cutoff]);
    } catch (error) {
      this.logger.warn(`retention sweep failed: ${(error as Error).message}`);
    }
    if (deleted > 0) this.logger.log(`deleted ${deleted} execution records older than ${cutoff.toISOString()}`);
    return deleted;
  }
}

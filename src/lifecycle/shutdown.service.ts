import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { JobQueue } from '../jobs/job-queue.service';
import { LastUsedTracker } from '../auth/last-used-tracker.service';
import { SandboxPool } from '../sandbox/sandbox-pool.service';
import { UsageRecorder } from '../usage/usage-recorder.service';

/**
 * The order of a clean stop. It runs after the HTTP server has closed and answered every
 * in-flight request, and before the database and Redis modules close their connections
 * (Nest stops the root module's providers first): the job queue stops fetching and lets the
 * jobs in hand finish, the pool is closed, then everything buffered for the database is written.
 */
@Injectable()
export class ShutdownService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');

  constructor(
    private readonly pool: SandboxPool,
    private readonly usage: UsageRecorder,
    private readonly lastUsed: LastUsedTracker,
    private readonly jobs: JobQueue,
  ) {}

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    await this.jobs.stop();
    await this.pool.close();
    await this.flushRecords();
    this.logger.log(`stopped cleanly${signal ? ` on ${signal}` : ''}`);
  }

  /** Writes everything buffered for the database: execution records and keys' last-used times. */
  async flushRecords(): Promise<void> {
    await Promise.all([this.usage.flushAll(), this.lastUsed.flush()]);
  }
}

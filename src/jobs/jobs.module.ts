import { Module } from '@nestjs/common';
import { JobQueue } from './job-queue.service';
import { QueueMetrics } from './queue-metrics';

/** The durable job queue (pg-boss on the service's PostgreSQL). */
@Module({
  providers: [JobQueue, QueueMetrics],
  exports: [JobQueue],
})
export class JobsModule {}

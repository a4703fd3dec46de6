import { Module } from '@nestjs/common';
import { JobQueue } from './job-queue.service';

/** The durable job queue (pg-boss on the service's PostgreSQL). */
@Module({
  providers: [JobQueue],
  exports: [JobQueue],
})
export class JobsModule {}

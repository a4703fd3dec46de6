import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExecutionsModule } from '../executions/executions.module';
import { JobsModule } from '../jobs/jobs.module';
import { QuotasModule } from '../quotas/quotas.module';
import { SandboxModule } from '../sandbox/sandbox.module';
import { UsageModule } from '../usage/usage.module';
import { ExecutionRecord } from '../schema/execution-record.entity';
import { Batch } from '../schema/batch.entity';
import { CallbacksModule } from '../callbacks/callbacks.module';
import { BatchesController } from './batches.controller';
import { BatchesService } from './batches.service';

@Module({
  imports: [TypeOrmModule.forFeature([Batch, ExecutionRecord]), ExecutionsModule, UsageModule, SandboxModule, QuotasModule, JobsModule, CallbacksModule],
  controllers: [BatchesController],
  providers: [BatchesService],
  // The webhook delivery builds a batch's callback body with BatchesService.find.
  exports: [BatchesService],
})
export class BatchesModule {}

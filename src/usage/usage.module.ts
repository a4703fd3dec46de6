import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallbacksModule } from '../callbacks/callbacks.module';
import { ExecutionHistoryService } from './execution-history.service';
import { ExecutionMetrics } from './execution-metrics.service';
import { ExecutionRecord } from '../schema/execution-record.entity';
import { RetentionService } from './retention.service';
import { UsageRecorder } from './usage-recorder.service';
import { UsageController } from './usage.controller';
import { UsageService } from './usage.service';

@Module({
  imports: [TypeOrmModule.forFeature([ExecutionRecord]), CallbacksModule],
  controllers: [UsageController],
  providers: [UsageRecorder, ExecutionMetrics, ExecutionHistoryService, UsageService, RetentionService],
  exports: [UsageRecorder, ExecutionMetrics, RetentionService, ExecutionHistoryService],
})
export class UsageModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExecutionsModule } from '../executions/executions.module';
import { QuotasModule } from '../quotas/quotas.module';
import { SandboxModule } from '../sandbox/sandbox.module';
import { Batch } from './batch.entity';
import { BatchesController } from './batches.controller';
import { BatchesService } from './batches.service';

@Module({
  imports: [TypeOrmModule.forFeature([Batch]), ExecutionsModule, SandboxModule, QuotasModule],
  controllers: [BatchesController],
  providers: [BatchesService],
})
export class BatchesModule {}

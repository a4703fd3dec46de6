import { Module } from '@nestjs/common';
import { WasmModulesModule } from '../wasm-modules/wasm-modules.module';
import { QuotasModule } from '../quotas/quotas.module';
import { SandboxModule } from '../sandbox/sandbox.module';
import { UsageModule } from '../usage/usage.module';
import { AsyncRunsController } from './async-runs.controller';
import { ExecuteController } from './execute.controller';
import { JobsModule } from '../jobs/jobs.module';
import { CallbacksModule } from '../callbacks/callbacks.module';
import { AsyncRunsService } from './async-runs.service';
import { ExecutionsService } from './executions.service';
import { PreparedRunner } from './prepared-runner';

@Module({
  imports: [WasmModulesModule, SandboxModule, QuotasModule, UsageModule, JobsModule, CallbacksModule],
  controllers: [ExecuteController, AsyncRunsController],
  providers: [ExecutionsService, PreparedRunner, AsyncRunsService],
  exports: [ExecutionsService],
})
export class ExecutionsModule {}

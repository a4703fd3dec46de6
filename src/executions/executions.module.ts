import { Module } from '@nestjs/common';
import { WasmModulesModule } from '../wasm-modules/wasm-modules.module';
import { QuotasModule } from '../quotas/quotas.module';
import { SandboxModule } from '../sandbox/sandbox.module';
import { UsageModule } from '../usage/usage.module';
import { ExecuteController } from './execute.controller';
import { ExecutionsService } from './executions.service';

@Module({
  imports: [WasmModulesModule, SandboxModule, QuotasModule, UsageModule],
  controllers: [ExecuteController],
  providers: [ExecutionsService],
  exports: [ExecutionsService],
})
export class ExecutionsModule {}

import { Module } from '@nestjs/common';
import { WasmModulesModule } from '../wasm-modules/wasm-modules.module';
import { SandboxModule } from '../sandbox/sandbox.module';
import { ExecuteController } from './execute.controller';
import { ExecutionsService } from './executions.service';

@Module({
  imports: [WasmModulesModule, SandboxModule],
  controllers: [ExecuteController],
  providers: [ExecutionsService],
  exports: [ExecutionsService],
})
export class ExecutionsModule {}

import { Module } from '@nestjs/common';
import { ModulesModule } from '../modules/modules.module';
import { SandboxModule } from '../sandbox/sandbox.module';
import { ExecuteController } from './execute.controller';
import { ExecutionsService } from './executions.service';

@Module({
  imports: [ModulesModule, SandboxModule],
  controllers: [ExecuteController],
  providers: [ExecutionsService],
  exports: [ExecutionsService],
})
export class ExecutionsModule {}

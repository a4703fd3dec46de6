import { Global, Module } from '@nestjs/common';
import { SandboxModule } from '../sandbox/sandbox.module';
import { HealthController } from './health.controller';
import { ReadinessService } from './readiness.service';

@Global()
@Module({
  imports: [SandboxModule],
  controllers: [HealthController],
  providers: [ReadinessService],
  exports: [ReadinessService],
})
export class HealthModule {}

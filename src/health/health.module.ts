import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { HealthController } from './health.controller';
import { ReadinessService } from './readiness.service';

/** Liveness, and readiness collected from every provider marked @ContributesReadiness. */
@Module({
  imports: [DiscoveryModule],
  controllers: [HealthController],
  providers: [ReadinessService],
  exports: [ReadinessService],
})
export class HealthModule {}

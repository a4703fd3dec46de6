import { Module } from '@nestjs/common';
import { PoolMetrics } from './pool-metrics';
import { PoolReadiness } from './pool-readiness';
import { SandboxPool } from './sandbox-pool.service';

@Module({ providers: [SandboxPool, PoolMetrics, PoolReadiness], exports: [SandboxPool] })
export class SandboxModule {}

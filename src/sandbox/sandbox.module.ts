import { Module } from '@nestjs/common';
import { SandboxPool } from './sandbox-pool.service';

@Module({ providers: [SandboxPool], exports: [SandboxPool] })
export class SandboxModule {}

import { Injectable } from '@nestjs/common';
import { ContributesReadiness, ReadinessCheck, ReadinessContributor } from '../readiness/readiness-contributor';
import { SandboxPool } from './sandbox-pool.service';

/** The pool is ready while it has threads to run on. */
@ContributesReadiness('pool')
@Injectable()
export class PoolReadiness implements ReadinessContributor {
  constructor(private readonly pool: SandboxPool) {}

  readiness(): ReadinessCheck {
    const pool = this.pool;
    return { status: pool.healthy ? 'up' : 'down', threads: pool.threads, running: pool.running, stopping: pool.stoppingThreads, queued: pool.queueLength };
  }
}

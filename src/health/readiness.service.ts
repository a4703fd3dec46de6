import { Injectable } from '@nestjs/common';
import { SandboxPool } from '../sandbox/sandbox-pool.service';

export type CheckStatus = 'up' | 'degraded' | 'down';

export interface ReadinessCheck {
  status: CheckStatus;
  [detail: string]: unknown;
}

export interface ReadinessReport {
  status: 'ready' | 'degraded' | 'unavailable';
  checks: Record<string, ReadinessCheck>;
}

/** A dependency that takes part in readiness (pool, database, Redis...). */
export interface ReadinessContributor {
  readonly name: string;
  check(): Promise<ReadinessCheck> | ReadinessCheck;
}

@Injectable()
export class ReadinessService {
  private readonly contributors: ReadinessContributor[] = [];
  private draining = false;

  constructor(pool: SandboxPool) {
    this.register({
      name: 'pool',
      check: () => ({
        status: pool.healthy ? 'up' : 'down',
        threads: pool.threads,
        running: pool.running,
        stopping: pool.stoppingThreads,
        queued: pool.queueLength,
      }),
    });
  }

  register(contributor: ReadinessContributor): void {
    this.contributors.push(contributor);
  }

  /** Shutdown has begun: report unavailable so load balancers stop sending traffic. */
  startDraining(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  async check(): Promise<ReadinessReport> {
    const checks: Record<string, ReadinessCheck> = {};
    await Promise.all(
      this.contributors.map(async (contributor) => {
        try {
          checks[contributor.name] = await contributor.check();
        } catch (error) {
          checks[contributor.name] = { status: 'down', error: (error as Error).message };
        }
      }),
    );
    if (this.draining) checks.shutdown = { status: 'down', reason: 'the service is shutting down' };
    const statuses = Object.values(checks).map((check) => check.status);
    const status = statuses.includes('down') ? 'unavailable' : statuses.includes('degraded') ? 'degraded' : 'ready';
    return { status, checks };
  }
}

import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { SandboxPool } from '../sandbox/sandbox-pool.service';

const CHECK_STATUSES = ['up', 'degraded', 'down'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];
const READINESS_STATUSES = ['ready', 'degraded', 'unavailable'] as const;

export interface ReadinessCheck {
  status: CheckStatus;
  [detail: string]: unknown;
}

export class ReadinessReport {
  @ApiProperty({ enum: READINESS_STATUSES, description: 'unavailable (503) when a check is down; degraded still takes executions' })
  status: (typeof READINESS_STATUSES)[number];

  @ApiProperty({
    type: 'object',
    description: 'One check per dependency (pool, database, ratelimit, recorder...; shutdown while draining), with its own details',
    additionalProperties: {
      type: 'object',
      required: ['status'],
      properties: { status: { type: 'string', enum: [...CHECK_STATUSES] } },
      additionalProperties: true,
    },
  })
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

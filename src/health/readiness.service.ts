import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { ApiProperty } from '@nestjs/swagger';
import { CHECK_STATUSES, ContributesReadiness, ReadinessCheck, ReadinessContributor } from '../readiness/readiness-contributor';

const READINESS_STATUSES = ['ready', 'degraded', 'unavailable'] as const;

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

/** Readiness from every provider marked @ContributesReadiness, plus the draining state. */
@Injectable()
export class ReadinessService {
  private contributors?: { name: string; contributor: ReadinessContributor }[];
  private draining = false;

  constructor(private readonly discovery: DiscoveryService) {}

  /** Found on the first check, when every provider exists. */
  private collect(): { name: string; contributor: ReadinessContributor }[] {
    this.contributors ??= this.discovery.getProviders({ metadataKey: ContributesReadiness.KEY }).map((wrapper) => ({
      name: this.discovery.getMetadataByDecorator(ContributesReadiness, wrapper)!,
      contributor: wrapper.instance as ReadinessContributor,
    }));
    return this.contributors;
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
      this.collect().map(async ({ name, contributor }) => {
        try {
          checks[name] = await contributor.readiness();
        } catch (error) {
          checks[name] = { status: 'down', error: (error as Error).message };
        }
      }),
    );
    if (this.draining) checks.shutdown = { status: 'down', reason: 'the service is shutting down' };
    const statuses = Object.values(checks).map((check) => check.status);
    const status = statuses.includes('down') ? 'unavailable' : statuses.includes('degraded') ? 'degraded' : 'ready';
    return { status, checks };
  }
}

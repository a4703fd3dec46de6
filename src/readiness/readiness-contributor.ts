import { DiscoveryService } from '@nestjs/core';

export const CHECK_STATUSES = ['up', 'degraded', 'down'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export interface ReadinessCheck {
  status: CheckStatus;
  [detail: string]: unknown;
}

/** A provider that takes part in readiness (pool, database, Redis...). */
export interface ReadinessContributor {
  readiness(): Promise<ReadinessCheck> | ReadinessCheck;
}

/**
 * Marks a provider class as a readiness contributor under its check's name, e.g.
 * `@ContributesReadiness('database')`: the health module finds every marked provider, so a
 * dependency takes part in readiness without knowing the health module.
 */
export const ContributesReadiness = DiscoveryService.createDecorator<string>();

import type { Ceilings } from '../config/app-config';
import type { ExecutionLimits } from '../sandbox/sandbox.types';
import type { Tier } from './tier.entity';

/** A tier's execution limits, clamped by the server-wide ceilings. */
export function effectiveLimits(tier: Tier, ceilings: Ceilings): ExecutionLimits {
  return {
    maxModuleBytes: Math.min(tier.maxModuleBytes, ceilings.maxModuleBytes),
    maxInputBytes: Math.min(tier.maxInputBytes, ceilings.maxInputBytes),
    timeoutMs: Math.min(tier.timeoutMs, ceilings.timeoutMs),
    memoryLimitBytes: Math.min(tier.memoryLimitBytes, ceilings.memoryLimitBytes),
    maxOutputBytes: Math.min(tier.maxOutputBytes, ceilings.maxOutputBytes),
  };
}

export interface TierView {
  name: string;
  requestsPerMinute: number;
  executionsPerDay: number;
  maxConcurrency: number;
  /** As stored for the tier. */
  configured: ExecutionLimits;
  /** What runs actually get: clamped by the server-wide ceilings. */
  effective: ExecutionLimits;
  updatedAt: Date;
}

export function toTierView(tier: Tier, ceilings: Ceilings): TierView {
  return {
    name: tier.name,
    requestsPerMinute: tier.requestsPerMinute,
    executionsPerDay: tier.executionsPerDay,
    maxConcurrency: tier.maxConcurrency,
    configured: {
      maxModuleBytes: tier.maxModuleBytes,
      maxInputBytes: tier.maxInputBytes,
      timeoutMs: tier.timeoutMs,
      memoryLimitBytes: tier.memoryLimitBytes,
      maxOutputBytes: tier.maxOutputBytes,
    },
    effective: effectiveLimits(tier, ceilings),
    updatedAt: tier.updatedAt,
  };
}

import { ApiProperty } from '@nestjs/swagger';
import type { Ceilings } from '../config/app-config';
import { ApiDateTime, ApiInteger } from '../openapi/properties';
import type { ExecutionLimits } from '../common/execution-limits';
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

/** The limits of one run; sizes in bytes, times in milliseconds. */
export class ExecutionLimitsView implements ExecutionLimits {
  @ApiInteger() maxModuleBytes: number;
  @ApiInteger() maxInputBytes: number;
  @ApiInteger() timeoutMs: number;
  @ApiInteger() memoryLimitBytes: number;
  @ApiInteger() maxOutputBytes: number;
}

export class TierView {
  @ApiProperty({ example: 'pro' }) name: string;
  @ApiInteger() requestsPerMinute: number;
  @ApiInteger() executionsPerDay: number;
  @ApiInteger() maxConcurrency: number;
  @ApiProperty({ type: ExecutionLimitsView, description: 'As stored for the tier' }) configured: ExecutionLimits;
  @ApiProperty({ type: ExecutionLimitsView, description: 'What runs actually get: clamped by the server-wide ceilings' })
  effective: ExecutionLimits;
  @ApiDateTime() updatedAt: Date;
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

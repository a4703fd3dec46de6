import { ApiProperty } from '@nestjs/swagger';
import { ACCOUNT_LIMIT_NAMES, type AccountLimitName, type ExecutionLimits, limitValues, RUN_LIMIT_NAMES } from '../common/limits';
import type { Ceilings } from '../config/app-config';
import { ApiDateTime, documentLimits } from '../openapi/properties';
import type { Tier } from './tier.entity';

/** A tier's execution limits, clamped by the server-wide ceilings. */
export function effectiveLimits(tier: Tier, ceilings: Ceilings): ExecutionLimits {
  return limitValues(RUN_LIMIT_NAMES, (name) => Math.min(tier[name], ceilings[name]));
}

/** The limits of one run; sizes in bytes, times in milliseconds. */
export class ExecutionLimitsView {}
export interface ExecutionLimitsView extends ExecutionLimits {}

export class TierView {
  @ApiProperty({ example: 'pro' }) name: string;
  @ApiProperty({ type: ExecutionLimitsView, description: 'As stored for the tier' }) configured: ExecutionLimits;
  @ApiProperty({ type: ExecutionLimitsView, description: 'What runs actually get: clamped by the server-wide ceilings' })
  effective: ExecutionLimits;
  @ApiDateTime() updatedAt: Date;
}
export interface TierView extends Record<AccountLimitName, number> {}

documentLimits(ExecutionLimitsView, RUN_LIMIT_NAMES);
documentLimits(TierView, ACCOUNT_LIMIT_NAMES);

export function toTierView(tier: Tier, ceilings: Ceilings): TierView {
  return {
    name: tier.name,
    ...limitValues(ACCOUNT_LIMIT_NAMES, (name) => tier[name]),
    configured: limitValues(RUN_LIMIT_NAMES, (name) => tier[name]),
    effective: effectiveLimits(tier, ceilings),
    updatedAt: tier.updatedAt,
  };
}

import { ApiProperty } from '@nestjs/swagger';
import { ACCOUNT_LIMIT_NAMES, type AccountLimitName, ceilingOf, type ExecutionLimits, LIMIT_SOURCES, type LimitSource, limitValues, RUN_LIMIT_NAMES, type RunLimitName } from '../common/limits';
import type { Ceilings } from '../config/app-config';
import { ApiDateTime, documentLimits } from '../http/api-properties';
import type { Tier } from '../schema/tier.entity';

/** A tier's execution limits, clamped by the server-wide ceilings. */
export function effectiveLimits(tier: Tier, ceilings: Ceilings): ExecutionLimits {
  return limitValues(RUN_LIMIT_NAMES, (name) => Math.min(tier[name], ceilings[name]));
}

export type LimitName = RunLimitName;
export { LIMIT_SOURCES, type LimitSource };

/** What sets each of a tier's effective limits: the tier when it is at or below the ceiling. */
export function limitSources(tier: ExecutionLimits, effective: ExecutionLimits): Record<LimitName, LimitSource> {
  return Object.fromEntries(RUN_LIMIT_NAMES.map((name) => [name, tier[name] <= effective[name] ? 'tier' : 'server'])) as Record<LimitName, LimitSource>;
}

/** Which of the tier and the server sets each effective limit. */
export class LimitSourcesView {}
for (const name of RUN_LIMIT_NAMES) ApiProperty({ enum: LIMIT_SOURCES, enumName: 'LimitSource' })(LimitSourcesView.prototype, name);

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

/** One effective limit as a refusal names it: its name, value and what set it. */
export class AppliedLimit {
  constructor(
    readonly name: LimitName,
    readonly value: number,
    readonly source: LimitSource,
    readonly tierName: string,
  ) {}

  /** `tier`'s limit `name` as it applies under the ceilings (`effective`). */
  static of(tier: ExecutionLimits & { name: string }, effective: ExecutionLimits, name: LimitName): AppliedLimit {
    return new AppliedLimit(name, effective[name], tier[name] <= effective[name] ? 'tier' : 'server', tier.name);
  }

  /** "the pro tier's maxInputBytes", "the server's MAX_INPUT_SIZE". */
  get setBy(): string {
    return this.source === 'tier' ? `the ${this.tierName} tier's ${this.name}` : `the server's ${ceilingOf(this.name).env}`;
  }

  /** The problem extensions that name it. */
  get extensions(): Record<string, unknown> {
    const where = this.source === 'tier' ? { tier: this.tierName } : { setting: ceilingOf(this.name).env };
    return { limit: this.name, limitSource: this.source, ...where };
  }
}

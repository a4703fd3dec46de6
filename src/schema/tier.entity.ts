import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { limitSpec, TIER_LIMIT_NAMES, type TierLimits } from '../common/limits';

export const TIER_NAMES = ['free', 'basic', 'pro', 'enterprise'] as const;

/** What an account may do; every key of the account shares it. Its limits are the columns TIER_LIMITS names. */
@Entity({ name: 'tiers' })
export class Tier {
  @PrimaryColumn({ type: 'text' })
  name: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export interface Tier extends TierLimits {}

for (const name of TIER_LIMIT_NAMES) Column({ name: limitSpec(name).column, type: 'integer' })(Tier.prototype, name);

import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const TIER_NAMES = ['free', 'basic', 'pro', 'enterprise'] as const;

/** What an account may do; every key of the account shares it. Sizes in bytes, times in ms. */
@Entity({ name: 'tiers' })
export class Tier {
  @PrimaryColumn({ type: 'text' })
  name: string;

  @Column({ name: 'requests_per_minute', type: 'integer' })
  requestsPerMinute: number;

  @Column({ name: 'executions_per_day', type: 'integer' })
  executionsPerDay: number;

  @Column({ name: 'max_module_bytes', type: 'integer' })
  maxModuleBytes: number;

  @Column({ name: 'max_input_bytes', type: 'integer' })
  maxInputBytes: number;

  @Column({ name: 'memory_limit_bytes', type: 'integer' })
  memoryLimitBytes: number;

  @Column({ name: 'timeout_ms', type: 'integer' })
  timeoutMs: number;

  @Column({ name: 'max_output_bytes', type: 'integer' })
  maxOutputBytes: number;

  @Column({ name: 'max_concurrency', type: 'integer' })
  maxConcurrency: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ClockMode, SandboxStatus } from '../sandbox/sandbox.types';

export type RecordedStatus = SandboxStatus | 'invalid_module';

const bigintAsNumber = { to: (value: number) => value, from: (value: string | null) => (value === null ? 0 : Number(value)) };
const nullableBigintAsNumber = { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

/** One execution: what ran, for whom, how it ended and what it cost. Outputs are not kept. */
@Entity({ name: 'executions' })
export class ExecutionRecord {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ name: 'key_id', type: 'uuid', nullable: true })
  keyId: string | null;

  @Column({ name: 'module_sha256', type: 'text', nullable: true })
  moduleSha256: string | null;

  @Column({ name: 'module_id', type: 'uuid', nullable: true })
  moduleId: string | null;

  @Column({ type: 'text' })
  status: RecordedStatus;

  @Column({ name: 'exit_code', type: 'integer', nullable: true })
  exitCode: number | null;

  @Column({ name: 'duration_ms', type: 'double precision' })
  durationMs: number;

  @Column({ name: 'queue_ms', type: 'double precision' })
  queueMs: number;

  @Column({ name: 'memory_peak_bytes', type: 'bigint', transformer: bigintAsNumber })
  memoryPeakBytes: number;

  @Column({ name: 'input_bytes', type: 'bigint', transformer: bigintAsNumber })
  inputBytes: number;

  @Column({ name: 'stdout_bytes', type: 'bigint', transformer: bigintAsNumber })
  stdoutBytes: number;

  @Column({ name: 'stderr_bytes', type: 'bigint', transformer: bigintAsNumber })
  stderrBytes: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** `fixed` when the run read a clock of its own (see FixedClock), to be replayed exactly. */
  @Column({ type: 'text' })
  clock: ClockMode;

  /** The seed of the run's random_get, or null for the host's random. */
  @Column({ name: 'random_seed', type: 'bigint', nullable: true, transformer: nullableBigintAsNumber })
  randomSeed: number | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

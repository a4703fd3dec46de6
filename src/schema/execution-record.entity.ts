import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { keptAnswerOrder } from './kept-files-order';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ApiDateTime, ApiInteger, documentLimits } from '../http/api-properties';
import type { ExecutionLimits } from '../common/limits';
import { EXECUTION_STATUSES, type ExecutionStatus } from '../common/execution-statuses';
import { CLOCK_MODES, type ClockMode, OUTPUT_ENCODINGS, type OutputEncoding } from '../common/run-input';

const bigintAsNumber = { to: (value: number) => value, from: (value: string | null) => (value === null ? 0 : Number(value)) };
const ApiNullableUuid = (description: string) => ApiProperty({ type: String, format: 'uuid', nullable: true, description });
/** A null column read as an absent member (the answer leaves it out, as a schema without null says). */
const absentWhenNull = { to: <T>(value: T | undefined) => value ?? null, from: <T>(value: T | null) => value ?? undefined };
const nullableBigintAsNumber = { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

/** The limits an answer shows: those that bear on how the run went. */
export const ANSWERED_LIMITS = ['timeoutMs', 'memoryLimitBytes', 'maxOutputBytes'] as const;

/** The limits a run was held to. */
export class RunLimits {}
export interface RunLimits extends Pick<ExecutionLimits, (typeof ANSWERED_LIMITS)[number]> {}
documentLimits(RunLimits, ANSWERED_LIMITS);

/** One execution: what ran, for whom, how it ended and what it cost. Outputs are not kept. */
@Entity({ name: 'executions' })
export class ExecutionRecord {
  @ApiProperty({ format: 'uuid' })
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ApiNullableUuid('The key that ran it')
  @Column({ name: 'key_id', type: 'uuid', nullable: true })
  keyId: string | null;

  @ApiProperty({ type: String, pattern: '^[0-9a-f]{64}$', nullable: true, description: 'null when no module could be read' })
  @Column({ name: 'module_sha256', type: 'text', nullable: true })
  moduleSha256: string | null;

  @ApiNullableUuid('The stored module that ran; null for an upload')
  @Column({ name: 'module_id', type: 'uuid', nullable: true })
  moduleId: string | null;

  @ApiNullableUuid('The batch it ran in; null for a single run')
  @Column({ name: 'batch_id', type: 'uuid', nullable: true })
  batchId: string | null;

  @ApiInteger({ nullable: true, minimum: 0, description: "Its place in its batch's `runs`; null for a single run" })
  @Column({ name: 'batch_index', type: 'integer', nullable: true })
  batchIndex: number | null;

  @ApiProperty({ enum: EXECUTION_STATUSES, enumName: 'RecordedStatus', description: 'An execution status, or invalid_module: refused at validation' })
  @Column({ type: 'text' })
  status: ExecutionStatus;

  @ApiInteger({ nullable: true })
  @Column({ name: 'exit_code', type: 'integer', nullable: true })
  exitCode: number | null;

  @ApiProperty({ minimum: 0 })
  @Column({ name: 'duration_ms', type: 'double precision' })
  durationMs: number;

  @ApiProperty({ minimum: 0 })
  @Column({ name: 'queue_ms', type: 'double precision' })
  queueMs: number;

  @ApiInteger({ minimum: 0 })
  @Column({ name: 'memory_peak_bytes', type: 'bigint', transformer: bigintAsNumber })
  memoryPeakBytes: number;

  @ApiInteger({ minimum: 0, description: 'stdin and files' })
  @Column({ name: 'input_bytes', type: 'bigint', transformer: bigintAsNumber })
  inputBytes: number;

  @ApiInteger({ minimum: 0 })
  @Column({ name: 'stdout_bytes', type: 'bigint', transformer: bigintAsNumber })
  stdoutBytes: number;

  @ApiInteger({ minimum: 0 })
  @Column({ name: 'stderr_bytes', type: 'bigint', transformer: bigintAsNumber })
  stderrBytes: number;

  @ApiInteger({ minimum: 0, description: 'Files brought back (`outputFiles`)' })
  @Column({ name: 'output_file_count', type: 'integer' })
  outputFileCount: number;

  @ApiInteger({ minimum: 0, description: 'Bytes of the files brought back (counted against the output limit with stdout and stderr)' })
  @Column({ name: 'output_file_bytes', type: 'bigint', transformer: bigintAsNumber })
  outputFileBytes: number;

  @ApiProperty({ type: String, nullable: true })
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @ApiProperty({ enum: CLOCK_MODES, enumName: 'ClockMode', description: '`fixed` when the run read a clock of its own (see FixedClock), to be replayed exactly' })
  @Column({ type: 'text' })
  clock: ClockMode;

  @ApiProperty({ type: 'integer', nullable: true, description: "The seed of the run's random_get, or null for the host's random" })
  @Column({ name: 'random_seed', type: 'bigint', nullable: true, transformer: nullableBigintAsNumber })
  randomSeed: number | null;

  @ApiDateTime()
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ApiProperty({ type: String, nullable: true, description: 'Where the end of an async run is announced' })
  @Column({ name: 'callback_url', type: 'text', nullable: true })
  callbackUrl: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the run started in its sandbox; null while an async run is queued, and for a module refused before it ran' })
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the run reached its final status; null while an async run is queued or running, and for a module refused before it ran' })
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @ApiPropertyOptional({ type: RunLimits, description: "The limits the run was held to, as its answer's `limits`; absent when its module was refused before it ran (and for runs recorded before they were kept)" })
  @Column({ type: 'jsonb', nullable: true, transformer: absentWhenNull })
  limits?: RunLimits;

  /** An async run's output (or a batch run's), kept for GET /api/v1/executions/{id} (not in lists). */
  @Column({ type: 'jsonb', nullable: true, select: false, transformer: keptAnswerOrder })
  result?: StoredResult | null;
}

/** What an async run or a run of a batch printed, as its answer gives it, cut to the tier's `maxStoredResultBytes`. */
export class StoredResult {
  @ApiProperty({ description: 'In `stdoutEncoding`' }) stdout: string;
  @ApiProperty({ description: 'In `stderrEncoding`' }) stderr: string;
  @ApiProperty({ enum: OUTPUT_ENCODINGS, enumName: 'OutputEncoding' }) stdoutEncoding: OutputEncoding;
  @ApiProperty({ enum: OUTPUT_ENCODINGS, enumName: 'OutputEncoding' }) stderrEncoding: OutputEncoding;
  @ApiProperty({ description: 'Cut at the output limit' }) stdoutTruncated: boolean;
  @ApiProperty({ description: 'Cut at the output limit' }) stderrTruncated: boolean;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', format: 'byte' }, description: 'The files brought back (`outputFiles`), path -> base64' })
  files: Record<string, string>;
  @ApiProperty({ type: [String], description: 'Matching files that did not fit the output limit or, when kept, `maxStoredResultBytes`' })
  filesOmitted: string[];
  @ApiProperty({ description: "Cut further to the tier's `maxStoredResultBytes` when kept" }) resultTruncated: boolean;
}

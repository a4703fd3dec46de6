import { isUtf8 } from 'node:buffer';
import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger, documentLimits } from '../openapi/properties';
import { SANDBOX_STATUSES, type SandboxStatus } from '../common/execution-statuses';
import { type ExecutionLimits, limitValues } from '../common/limits';
import type { SandboxResult } from '../sandbox/sandbox.types';

import { OUTPUT_ENCODINGS, type OutputEncoding } from '../common/run-input';

export { OUTPUT_ENCODINGS, type OutputEncoding };

const ENCODING = { enum: OUTPUT_ENCODINGS, enumName: 'OutputEncoding', description: 'utf8 when the bytes are UTF-8 text (unless base64 was asked for), else base64' };

/** The limits an answer shows: those that bear on how the run went. */
const ANSWERED_LIMITS = ['timeoutMs', 'memoryLimitBytes', 'maxOutputBytes'] as const;

/** The limits this run was held to. */
export class RunLimits {}
export interface RunLimits extends Pick<ExecutionLimits, (typeof ANSWERED_LIMITS)[number]> {}
documentLimits(RunLimits, ANSWERED_LIMITS);

/** The answer of a run: how it ended, what it printed, what it cost. */
export class ExecutionResponse {
  @ApiProperty({ format: 'uuid', description: 'The execution record: GET /api/v1/executions/{id}' }) id: string;
  @ApiProperty({ enum: SANDBOX_STATUSES, enumName: 'ExecutionStatus', description: 'success is exit 0, exit_error a non-zero exit' })
  status: SandboxStatus;
  @ApiInteger({ nullable: true, description: "The guest's exit code; null when it did not exit (trap, limits)" }) exitCode: number | null;
  @ApiProperty({ description: 'In `stdoutEncoding`' }) stdout: string;
  @ApiProperty({ description: 'In `stderrEncoding`' }) stderr: string;
  @ApiProperty(ENCODING) stdoutEncoding: OutputEncoding;
  @ApiProperty(ENCODING) stderrEncoding: OutputEncoding;
  @ApiProperty({ description: 'Cut at the output limit' }) stdoutTruncated: boolean;
  @ApiProperty({ description: 'Cut at the output limit' }) stderrTruncated: boolean;
  @ApiProperty({ minimum: 0, description: 'Time the module ran (instantiation and `_start`), in ms' }) durationMs: number;
  @ApiProperty({ minimum: 0, description: 'Time the run waited for a sandbox worker, in ms' }) queueMs: number;
  @ApiInteger({ minimum: 0, description: 'Largest linear memory the guest had, in bytes' }) memoryPeakBytes: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' }) moduleSha256: string;
  @ApiProperty({ type: String, nullable: true, description: 'Why the run failed (trap message, limit), else null' }) error: string | null;
  @ApiProperty({ type: RunLimits }) limits: RunLimits;
}

/** UTF-8 text stays text; anything else is sent as base64 so no byte is lost. */
export function encodeOutput(bytes: Buffer, wanted: OutputEncoding | undefined): { text: string; encoding: OutputEncoding } {
  if (wanted !== 'base64' && isUtf8(bytes)) return { text: bytes.toString('utf8'), encoding: 'utf8' };
  return { text: bytes.toString('base64'), encoding: 'base64' };
}

/** A run that ended and was recorded, before its answer is shaped (as JSON, or as raw stdout with headers). */
export interface FinishedRun {
  /** The execution record's id. */
  id: string;
  moduleSha256: string;
  result: SandboxResult;
  limits: ExecutionLimits;
  outputEncoding?: OutputEncoding;
}

export function toExecutionResponse({ id, moduleSha256, result, limits, outputEncoding }: FinishedRun): ExecutionResponse {
  const stdout = encodeOutput(result.stdout, outputEncoding);
  const stderr = encodeOutput(result.stderr, outputEncoding);
  return {
    id,
    status: result.status,
    exitCode: result.exitCode,
    stdout: stdout.text,
    stderr: stderr.text,
    stdoutEncoding: stdout.encoding,
    stderrEncoding: stderr.encoding,
    stdoutTruncated: result.stdoutTruncated,
    stderrTruncated: result.stderrTruncated,
    durationMs: result.durationMs,
    queueMs: result.queueMs,
    memoryPeakBytes: result.memoryPeakBytes,
    moduleSha256,
    error: result.error,
    limits: limitValues(ANSWERED_LIMITS, (name) => limits[name]),
  };
}

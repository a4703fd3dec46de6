import { isUtf8 } from 'node:buffer';
import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger } from '../http/api-properties';
import { ANSWERED_LIMITS, RunLimits } from '../schema/execution-record.entity';
import { SANDBOX_STATUSES, type SandboxStatus } from '../common/execution-statuses';
import { type ExecutionLimits, limitValues } from '../common/limits';
import type { SandboxResult } from '../sandbox/sandbox.types';

import { OUTPUT_ENCODINGS, type OutputEncoding } from '../common/run-input';

export { OUTPUT_ENCODINGS, type OutputEncoding, RunLimits };

const ENCODING = { enum: OUTPUT_ENCODINGS, enumName: 'OutputEncoding', description: 'utf8 when the bytes are UTF-8 text (unless base64 was asked for), else base64' };

const FILES_DESCRIPTION =
  'The regular files the guest left that match `outputFiles`, path (relative to the guest root) -> base64 of their bytes, in path order. ' +
  'Their bytes count against `maxOutputBytes` together with stdout and stderr. Links are not followed; directories never match. ' +
  'Given after every ending but `time_limit_exceeded` and a failed sandbox, where the files went with the stopped worker (`{}`); `{}` without `outputFiles`';
const FILES_OMITTED_DESCRIPTION =
  'Paths of matching files that did not fit in what the output limit left (in path order; each file that still fitted, smaller ones after them too, is in `files`)';

/** The limits an answer (and the run's record) shows of those the run was held to. */
export function answeredLimits(limits: ExecutionLimits): RunLimits {
  return limitValues(ANSWERED_LIMITS, (name) => limits[name]);
}

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
  @ApiInteger({ minimum: 0, description: 'Largest linear memory the guest had, in bytes; for a run stopped at its time limit (`time_limit_exceeded`), what it had when it started, as a guest stopped mid-instruction cannot be read' }) memoryPeakBytes: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' }) moduleSha256: string;
  @ApiProperty({ type: String, nullable: true, description: 'Why the run failed (trap message, limit), else null' }) error: string | null;
  @ApiProperty({ type: RunLimits }) limits: RunLimits;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', format: 'byte' },
    description: FILES_DESCRIPTION,
    example: { 'out.txt': 'aGVsbG8K', 'dist/a.js': 'Y29uc29sZS5sb2coMSk7Cg==' },
  })
  files: Record<string, string>;
  @ApiProperty({ type: [String], description: FILES_OMITTED_DESCRIPTION, example: ['big.bin'] }) filesOmitted: string[];
}

/** A run's answer as it is kept (the runs of a batch): its output cut to the tier's `maxStoredResultBytes`. */
export class KeptExecutionResponse extends ExecutionResponse {
  @ApiProperty({ description: "Output or files cut (or left out) to the tier's `maxStoredResultBytes` when kept" }) resultTruncated: boolean;
}

/**
 * UTF-8 text stays text; anything else is sent as base64 so no byte is lost. Output `cut` at a
 * limit stays text too when the cut split its last character: that character is left out.
 */
export function encodeOutput(bytes: Buffer, wanted: OutputEncoding | undefined, cut = false): { text: string; encoding: OutputEncoding } {
  if (wanted !== 'base64') {
    const text = isUtf8(bytes) ? bytes : cut ? withoutSplitCharacter(bytes) : null;
    if (text) return { text: text.toString('utf8'), encoding: 'utf8' };
  }
  return { text: bytes.toString('base64'), encoding: 'base64' };
}

/** `bytes` less a UTF-8 sequence cut short at their end, when what comes before is UTF-8; else null. */
function withoutSplitCharacter(bytes: Buffer): Buffer | null {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    const head = bytes.subarray(0, bytes.length - back);
    return length > back && isUtf8(head) ? head : null;
  }
  return null;
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
  const stdout = encodeOutput(result.stdout, outputEncoding, result.stdoutTruncated);
  const stderr = encodeOutput(result.stderr, outputEncoding, result.stderrTruncated);
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
    limits: answeredLimits(limits),
    files: Object.fromEntries(result.files.map(({ path, data }) => [path, Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64')])),
    filesOmitted: result.filesOmitted,
  };
}

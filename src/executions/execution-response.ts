import { isUtf8 } from 'node:buffer';
import type { ExecutionLimits, SandboxResult, SandboxStatus } from '../sandbox/sandbox.types';

export type OutputEncoding = 'utf8' | 'base64';

export interface ExecutionResponse {
  id: string;
  status: SandboxStatus;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  stdoutEncoding: OutputEncoding;
  stderrEncoding: OutputEncoding;
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  durationMs: number;
  queueMs: number;
  memoryPeakBytes: number;
  moduleSha256: string;
  error: string | null;
  limits: { timeoutMs: number; memoryLimitBytes: number; maxOutputBytes: number };
}

/** UTF-8 text stays text; anything else is sent as base64 so no byte is lost. */
function encode(bytes: Buffer, wanted: OutputEncoding | undefined): { text: string; encoding: OutputEncoding } {
  if (wanted !== 'base64' && isUtf8(bytes)) return { text: bytes.toString('utf8'), encoding: 'utf8' };
  return { text: bytes.toString('base64'), encoding: 'base64' };
}

export function toExecutionResponse(
  id: string,
  moduleSha256: string,
  result: SandboxResult,
  limits: ExecutionLimits,
  outputEncoding?: OutputEncoding,
): ExecutionResponse {
  const stdout = encode(result.stdout, outputEncoding);
  const stderr = encode(result.stderr, outputEncoding);
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
    limits: {
      timeoutMs: limits.timeoutMs,
      memoryLimitBytes: limits.memoryLimitBytes,
      maxOutputBytes: limits.maxOutputBytes,
    },
  };
}

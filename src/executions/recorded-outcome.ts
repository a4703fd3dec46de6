import type { SandboxResult } from '../sandbox/sandbox.types';
import type { ExecutionRecord } from '../schema/execution-record.entity';

/** What an execution record keeps of how a run ended: the sync path and the queued one alike. */
export function recordedOutcome(result: SandboxResult) {
  return {
    status: result.status,
    exitCode: result.exitCode,
    durationMs: result.durationMs,
    queueMs: result.queueMs,
    memoryPeakBytes: result.memoryPeakBytes,
    stdoutBytes: result.stdout.length,
    stderrBytes: result.stderr.length,
    outputFileCount: result.files.length,
    outputFileBytes: result.files.reduce((bytes, file) => bytes + file.data.length, 0),
    error: result.error,
  } satisfies Partial<ExecutionRecord>;
}

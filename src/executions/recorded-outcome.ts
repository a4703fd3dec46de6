import type { SandboxResult } from '../sandbox/sandbox.types';
import { ExecutionRecord } from '../schema/execution-record.entity';
import type { ExecutionOrigin } from './executions.service';

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

/** A new execution record of `origin`: nothing ran yet unless `outcome` says otherwise. */
export function newExecutionRecord(id: string, origin: ExecutionOrigin, outcome: Partial<ExecutionRecord> & Pick<ExecutionRecord, 'status'>): ExecutionRecord {
  return Object.assign(new ExecutionRecord(), {
    id,
    accountId: origin.principal.account.id,
    keyId: origin.principal.key.id,
    moduleSha256: origin.moduleSha256,
    moduleId: origin.moduleId,
    batchId: origin.batchId ?? null,
    batchIndex: origin.batchIndex ?? null,
    exitCode: null,
    durationMs: 0,
    queueMs: 0,
    memoryPeakBytes: 0,
    inputBytes: origin.inputBytes,
    stdoutBytes: 0,
    stderrBytes: 0,
    outputFileCount: 0,
    outputFileBytes: 0,
    error: null,
    // A refused module never ran: it read no clock and drew no random bytes.
    clock: 'real',
    randomSeed: null,
    limits: undefined,
    createdAt: new Date(),
    ...outcome,
  });
}

import type { SandboxStatus } from '../common/execution-statuses';
import type { ExecutionLimits } from '../common/limits';
import type { SandboxRun } from '../../workers/protocol';
import type { CollectedFiles } from '../../workers/output-files';

/** A run for the pool: the run input and its module as a sandbox takes them, whose it is, its limits. */
export interface SandboxJob extends SandboxRun {
  /** Whose run it is: the pool's queue takes accounts in turn. */
  account: string;
  limits: ExecutionLimits;
  /** Aborted: the run is stopped (its thread terminated) as soon as it has one, and rejects with RunCancelledError. */
  signal?: AbortSignal;
}

/**
 * How a run ended and what it left. `files` (moved from the worker, not copied) and
 * `filesOmitted` are empty when it timed out or its worker died: the files lived in the worker.
 */
export interface SandboxResult extends CollectedFiles {
  status: SandboxStatus;
  exitCode: number | null;
  stdout: Buffer;
  stderr: Buffer;
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  /** Time the module ran (instantiate + `_start`), or until it was stopped. */
  durationMs: number;
  /** Time the job waited for a free worker. */
  queueMs: number;
  memoryPeakBytes: number;
  error: string | null;
}

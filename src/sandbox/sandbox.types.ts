import type { ClockMode, GuestFile, ImportedMemoryLimits, SandboxStatus } from '../../workers/protocol';

export type { ClockMode, GuestFile, ImportedMemoryLimits, SandboxStatus };
export { SANDBOX_STATUSES } from '../../workers/protocol';

import type { ExecutionLimits } from '../common/execution-limits';

export type { ExecutionLimits };

export interface SandboxJob {
  /** Whose run it is: the pool's queue takes accounts in turn. */
  account: string;
  module: WebAssembly.Module;
  /** argv[0] first, then the caller's args. */
  args: string[];
  env: Record<string, string>;
  stdin: Uint8Array;
  files: GuestFile[];
  limits: ExecutionLimits;
  maxTableElements: number;
  /** The memory the worker supplies to the module, or null when it has its own. */
  importedMemory: ImportedMemoryLimits | null;
  /** The module's export that tells a refused grow, or null: see SandboxTask. */
  refusedGrowExport: string | null;
  clock: ClockMode;
  /** Seeds random_get; null: the engine's own. */
  randomSeed: number | null;
}

export interface SandboxResult {
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

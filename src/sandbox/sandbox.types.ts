import type { GuestFile, ImportedMemoryLimits, SandboxStatus } from '../../workers/protocol';

export type { GuestFile, ImportedMemoryLimits, SandboxStatus };
export { SANDBOX_STATUSES } from '../../workers/protocol';

/** The limits one run is held to: the tier's, clamped by the server-wide ceilings. */
export interface ExecutionLimits {
  maxModuleBytes: number;
  maxInputBytes: number;
  timeoutMs: number;
  memoryLimitBytes: number;
  maxOutputBytes: number;
}

export interface SandboxJob {
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

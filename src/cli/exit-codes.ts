import type { components } from './api-schema';

type RunStatus = components['schemas']['ExecutionStatus'];

/**
 * The exit codes wasmwiz gives of its own. A run that ends by exiting (`success`, `exit_error`)
 * exits with the guest's code, as a local run would; the others are codes guests rarely use,
 * after the shell's and docker's conventions.
 */
export const EXIT_CODES = {
  /** wasmwiz itself failed: a bad option, the server out of reach, or the API answered with a problem. */
  failed: 125,
  /** The API refused the module (it is not a valid WASI command, or too large): it cannot run, as a shell's 126. */
  moduleRefused: 126,
  /** `time_limit_exceeded`: as GNU timeout's 124. */
  timeLimit: 124,
  /** `trap`: as a process that aborted (128 + SIGABRT). */
  trap: 134,
  /** `memory_limit_exceeded`: as a process the out-of-memory killer ended (128 + SIGKILL). */
  memoryLimit: 137,
  /** `output_limit_exceeded`: as a writer whose reader went away (128 + SIGPIPE); what was written up to the cap is printed. */
  outputLimit: 141,
} as const;

const BY_STATUS: Partial<Record<RunStatus, number>> = {
  time_limit_exceeded: EXIT_CODES.timeLimit,
  trap: EXIT_CODES.trap,
  memory_limit_exceeded: EXIT_CODES.memoryLimit,
  output_limit_exceeded: EXIT_CODES.outputLimit,
};

/** How wasmwiz exits for a run that ended with `status` (and `exitCode` when the guest exited). */
export function exitCodeOf(status: string, exitCode: number | null): number {
  if (exitCode !== null && (status === 'success' || status === 'exit_error')) return exitCode & 0xff;
  return BY_STATUS[status as RunStatus] ?? EXIT_CODES.failed;
}

import type { KeyPrincipal } from '../access/principal';
import { problem } from '../http/problem';
import { MODULE_REFUSALS, type ProblemCode } from '../http/problem-codes';
import type { ExecutionLimits } from '../common/limits';
import type { ModuleCaps } from '../wasm-modules/module-validator';
import type { OutputEncoding } from './execution-response';
import type { RunInput } from '../common/run-input';
import { InputLimit } from './input-limit';

/** A run as a route asks for it, whichever route it came by: its input, and how it wants its answer. */
export interface RunRequest extends RunInput {
  outputEncoding?: OutputEncoding;
  /** A timeout at most the tier's, in ms; absent: the tier's. */
  timeoutMs?: number;
  /** false: answered 202 at once, the run queued (an async run); absent or true: answered when it ends. */
  wait?: boolean;
  /** Where the end of an async run is announced. */
  callbackUrl?: string;
}

/** The rules a request body is read under while it streams in: its parts are cut off at them. */
export interface RunRules {
  input: InputLimit;
  moduleCaps: ModuleCaps;
  /**
   * A buffer for `bytes` of stdin that the sandbox takes as it is, without a copy: a body that
   * is nothing but stdin streams straight into it.
   */
  stdinBuffer: (bytes: number) => Uint8Array;
}

/** The limits `input` runs under, once it is within the caller's: its timeout, its input size. */
export function runLimits(principal: KeyPrincipal, input: RunRequest): ExecutionLimits {
  const tierLimits = principal.limits;
  if (input.timeoutMs !== undefined && input.timeoutMs > tierLimits.timeoutMs) {
    throw problem('validation_failed', `timeoutMs ${input.timeoutMs} is over the limit of ${tierLimits.timeoutMs} ms`, { field: 'timeoutMs' });
  }
  InputLimit.of(principal).check(input);
  return { ...tierLimits, timeoutMs: input.timeoutMs ?? tierLimits.timeoutMs };
}

/** The problems of a route that runs a module: its input refused, its module refused, no room to run or record it. */
export const RUN_PROBLEMS: readonly ProblemCode[] = [
  'input_too_large',
  'invalid_args',
  'invalid_env',
  'invalid_files',
  'invalid_output_files',
  'invalid_clock',
  'invalid_random_seed',
  'invalid_callback_url',
  ...MODULE_REFUSALS,
  'capacity_exhausted',
  'recording_unavailable',
];

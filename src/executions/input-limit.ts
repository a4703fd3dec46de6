import type { KeyPrincipal } from '../access/principal';
import type { ByteBudget } from '../http/multipart';
import { ProblemException, tooLarge } from '../http/problem';
import type { GuestFile } from '../common/run-input';
import { AppliedLimit } from '../tiers/effective-limits';

/** Everything a run hands its guest: all of it counts against the input limit. */
export interface GuestInput {
  stdin: Uint8Array;
  files: GuestFile[];
  args: string[];
  env: Record<string, string>;
}

/** Bytes of stdin and files, as recorded with the execution. */
export function dataBytes(input: Pick<GuestInput, 'stdin' | 'files'>): number {
  return input.files.reduce((sum, file) => sum + file.data.length, input.stdin.length);
}

/** Bytes of `args` and `env` as WASI hands them to the guest: each NUL-terminated, env as NAME=value. */
export function argsEnvBytes(input: Pick<GuestInput, 'args' | 'env'>): number {
  let total = 0;
  for (const arg of input.args) total += Buffer.byteLength(arg) + 1;
  for (const [name, value] of Object.entries(input.env)) total += Buffer.byteLength(name) + Buffer.byteLength(value) + 2;
  return total;
}

/** The input limit a caller's runs are held to, and what sets it: the tier, or the server-wide ceiling. */
export class InputLimit {
  private constructor(private readonly applied: AppliedLimit) {}

  static of(principal: KeyPrincipal): InputLimit {
    return new InputLimit(AppliedLimit.of(principal.tier, principal.limits, 'maxInputBytes'));
  }

  get bytes(): number {
    return this.applied.value;
  }

  /** `what` is, e.g., "is 2097160 bytes"; without it the size is not known yet (a stream cut off at the limit). */
  tooLarge(what = 'is larger than'): ProblemException {
    return tooLarge(
      'input_too_large',
      `The input (stdin, files, args and env) ${what} the limit of ${this.bytes} bytes set by ${this.applied.setBy}`,
      this.bytes,
      this.applied.extensions,
    );
  }

  /** What the data parts of one body share as they stream in: the first byte past the limit throws its 413. */
  budget(): ByteBudget {
    let left = this.bytes;
    return {
      spend: (bytes) => {
        left -= bytes;
        if (left < 0) throw this.tooLarge();
      },
    };
  }

  /** Throws 413 when `input` is over the limit. */
  check(input: GuestInput): void {
    const total = dataBytes(input) + argsEnvBytes(input);
    if (total > this.bytes) throw this.tooLarge(`is ${total} bytes, over`);
  }
}

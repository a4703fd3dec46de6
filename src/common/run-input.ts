/**
 * What a caller gives one run, defined once: the run routes parse it, the service hands it to
 * the sandbox pool, the pool to a worker, the worker to an engine; each adds or picks fields.
 */

export interface GuestFile {
  /** Path inside the guest's root directory, e.g. `data/input.txt`. */
  path: string;
  data: Uint8Array;
}

/** What a file brought back takes of the output limit: its path is in the answer as its bytes are. */
export function answerBytesOf(path: string, sizeBytes: number): number {
  return Buffer.byteLength(path) + sizeBytes;
}

/** `real`: the guest reads the host's clocks; `fixed`: a clock of the run's own (see FixedClock). */
export const CLOCK_MODES = ['real', 'fixed'] as const;
export type ClockMode = (typeof CLOCK_MODES)[number];

/** How a run may be replayed exactly: its clock and the seed of its random_get. */
export interface RunDeterminism {
  clock: ClockMode;
  /** Seeds the run's random_get (see seededRandom); null: the engine's own, from the host. */
  randomSeed: number | null;
}

/** The guest's WASI world: nothing of the host is visible beyond it. */
export interface GuestWorld {
  /** The guest's argv from argv[1] on; argv[0] is the module's name. */
  args: string[];
  env: Record<string, string>;
  /** Placed in the guest's writable root directory, preopened as `/`. */
  files: GuestFile[];
}

/** One run's input: the guest's world, its stdin and how it may be replayed. */
export interface RunInput extends GuestWorld, RunDeterminism {
  stdin: Uint8Array;
  /** Files to bring back: paths or glob patterns relative to the guest root (see src/executions/output-files.ts). */
  outputFiles?: string[];
}

/** How an answer gives stdout and stderr: utf8 when they are UTF-8 text (unless base64 was asked for), else base64. */
export const OUTPUT_ENCODINGS = ['utf8', 'base64'] as const;
export type OutputEncoding = (typeof OUTPUT_ENCODINGS)[number];

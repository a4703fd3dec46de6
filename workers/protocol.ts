/**
 * What crosses between the service and a sandbox worker. Output is written by the worker straight
 * into a SharedArrayBuffer the service allocated, so what a guest printed survives even when its
 * worker is terminated for running past its timeout.
 */
import type { SandboxStatus } from '../src/common/execution-statuses';
import type { RunInput } from '../src/common/run-input';
import type { ImportedMemoryLimits } from '../src/common/wasm-binary/cap-limits';
import { PAGE_BYTES } from '../src/common/wasm-binary/wasm-page';
import type { CollectedFiles } from './output-files';

/** A compiled module as the service rewrote it, with what its worker must supply or watch. */
export interface SandboxedModule {
  module: WebAssembly.Module;
  maxTableElements: number;
  /** Set when the module imports its memory as SANDBOX_MEMORY_IMPORT rather than defining it. */
  importedMemory: ImportedMemoryLimits | null;
  /**
   * The module's exported i32 global that a memory.grow or table.grow refused at its cap sets
   * (to a RefusedGrow value); null when the module has no grow.
   */
  refusedGrowExport: string | null;
}

/** The run input as a sandbox takes it: argv[0] (the module's name) comes first in `argv`. */
export interface SandboxRun extends Omit<RunInput, 'args'>, SandboxedModule {
  argv: string[];
}

export interface SandboxTask extends SandboxRun {
  runId: number;
  engine: string;
  /** A view on a shared buffer the service hands to another run once this one is over: read it only during the run. */
  stdin: Uint8Array;
  memoryLimitBytes: number;
  /** Header + stdout region + stderr region; see OutputLayout. */
  output: SharedArrayBuffer;
}

/** How a run ended in its worker. */
export interface RunEnding {
  status: Exclude<SandboxStatus, 'time_limit_exceeded'>;
  exitCode: number | null;
  error: string | null;
  /** Time spent inside the worker on instantiate + run, in milliseconds. */
  runMs: number;
}

/** What a worker answers: how the run ended, and the files it left that it was asked for (see collectOutputFiles). */
export interface SandboxOutcome extends RunEnding, CollectedFiles {}

/**
 * Posted to the pool when a worker picks a task up, so its timeout counts from that moment, and
 * the pool knows which thread to stop at the timeout.
 */
export interface TaskStarted {
  started: number;
  thread: number;
}

const HEADER_INTS = 4;
export const HEADER_BYTES = HEADER_INTS * 4;
export const enum Slot {
  StdoutLength = 0,
  StderrLength = 1,
  MemoryPages = 2,
  /** 1 or 2: the stream whose write crossed the output cap; 0 while under it. */
  TruncatedFd = 3,
}

/** Views over the shared output buffer: [header][stdout: cap bytes][stderr: cap bytes]. */
export class OutputLayout {
  readonly header: Int32Array;
  readonly stdout: Uint8Array;
  readonly stderr: Uint8Array;

  constructor(
    readonly buffer: SharedArrayBuffer,
    readonly capBytes = (buffer.byteLength - HEADER_BYTES) / 2,
  ) {
    this.header = new Int32Array(buffer, 0, HEADER_INTS);
    this.stdout = new Uint8Array(buffer, HEADER_BYTES, capBytes);
    this.stderr = new Uint8Array(buffer, HEADER_BYTES + capBytes, capBytes);
  }

  static bytesFor(capBytes: number): number {
    return HEADER_BYTES + 2 * capBytes;
  }

  static allocate(capBytes: number): OutputLayout {
    return new OutputLayout(new SharedArrayBuffer(OutputLayout.bytesFor(capBytes)), capBytes);
  }

  get stdoutLength(): number {
    return Atomics.load(this.header, Slot.StdoutLength);
  }

  get stderrLength(): number {
    return Atomics.load(this.header, Slot.StderrLength);
  }

  get truncatedFd(): number {
    return Atomics.load(this.header, Slot.TruncatedFd);
  }

  get memoryBytes(): number {
    return Atomics.load(this.header, Slot.MemoryPages) * PAGE_BYTES;
  }
}

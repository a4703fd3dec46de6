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

const HEADER_INTS = 8;
/** Where the run's start sits in the header: 8-byte aligned, after the int slots. */
const STARTED_OFFSET = HEADER_INTS * 4;
export const HEADER_BYTES = STARTED_OFFSET + 8;
export const enum Slot {
  StdoutLength = 0,
  StderrLength = 1,
  MemoryPages = 2,
  /** 1 or 2: the stream whose write crossed the output cap; 0 while under it. */
  TruncatedFd = 3,
  /** The id of the thread that picked the run up, stored after its start time; 0 until then. */
  Thread = 4,
  /** How the guest ended, before the worker looked for its files: 1 + its status's place in ENDING_STATUSES; 0 until then. */
  GuestStatus = 5,
  GuestExitCode = 6,
  /** The guest's own run (instantiate + run), in microseconds. */
  GuestRunUs = 7,
}

/** The statuses a guest ends with in its worker, numbered for the header. */
const ENDING_STATUSES: readonly RunEnding['status'][] = ['success', 'exit_error', 'trap', 'memory_limit_exceeded', 'output_limit_exceeded', 'internal_error'];
/** The exit code slot's value for none (a trap, a crash). */
const NO_EXIT_CODE = -0x80000000;

/**
 * Views over the shared output buffer: [header][stdout: cap bytes][stderr: cap bytes]. The worker
 * marks in the header when it picks a run up (the pool counts the run's timeout from then, and
 * knows which thread to stop), so a run costs no message besides piscina's own.
 */
export class OutputLayout {
  readonly header: Int32Array;
  /** The run's start on the process-wide monotonic clock (`process.hrtime.bigint()`), ns. */
  private readonly started: BigInt64Array;
  readonly stdout: Uint8Array;
  readonly stderr: Uint8Array;

  constructor(
    readonly buffer: SharedArrayBuffer,
    readonly capBytes = (buffer.byteLength - HEADER_BYTES) / 2,
  ) {
    this.header = new Int32Array(buffer, 0, HEADER_INTS);
    this.started = new BigInt64Array(buffer, STARTED_OFFSET, 1);
    this.stdout = new Uint8Array(buffer, HEADER_BYTES, capBytes);
    this.stderr = new Uint8Array(buffer, HEADER_BYTES + capBytes, capBytes);
  }

  static bytesFor(capBytes: number): number {
    return HEADER_BYTES + 2 * capBytes;
  }

  static allocate(capBytes: number): OutputLayout {
    return new OutputLayout(new SharedArrayBuffer(OutputLayout.bytesFor(capBytes)), capBytes);
  }

  /** Called by the worker as it picks the run up. */
  markStarted(thread: number): void {
    Atomics.store(this.started, 0, process.hrtime.bigint());
    Atomics.store(this.header, Slot.Thread, thread);
  }

  /** Whether, when and on which thread the run started, as the worker marked it. */
  get start(): { thread: number; nsAgo: number } | null {
    const thread = Atomics.load(this.header, Slot.Thread);
    if (thread === 0) return null;
    return { thread, nsAgo: Number(process.hrtime.bigint() - Atomics.load(this.started, 0)) };
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

  /**
   * Called by the worker once the guest has ended, before it collects the guest's files: a worker
   * stopped at the time limit while collecting (a costly `outputFiles` glob) ended a run the guest
   * had finished, whose status the pool then reads here rather than reporting a timeout.
   */
  markGuestEnded({ status, exitCode, runMs }: Pick<RunEnding, 'status' | 'exitCode' | 'runMs'>): void {
    Atomics.store(this.header, Slot.GuestExitCode, exitCode ?? NO_EXIT_CODE);
    Atomics.store(this.header, Slot.GuestRunUs, Math.min(0x7fffffff, Math.round(runMs * 1000)));
    Atomics.store(this.header, Slot.GuestStatus, ENDING_STATUSES.indexOf(status) + 1);
  }

  /** How the guest ended, as its worker marked it; null while it runs (or before it starts). */
  get guestEnding(): Pick<RunEnding, 'status' | 'exitCode' | 'runMs'> | null {
    const status = ENDING_STATUSES[Atomics.load(this.header, Slot.GuestStatus) - 1];
    if (status === undefined) return null;
    const exitCode = Atomics.load(this.header, Slot.GuestExitCode);
    return { status, exitCode: exitCode === NO_EXIT_CODE ? null : exitCode, runMs: Atomics.load(this.header, Slot.GuestRunUs) / 1000 };
  }
}

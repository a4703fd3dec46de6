import { HIDDEN_MEMORY_EXPORT_PREFIX } from '../../src/common/wasm-binary/cap-limits';
import type { FileBudget } from '../file-budget';
import type { GuestClock } from '../guest-clock';
import type { EngineFds } from '../guest-fds';
import type { GuestWorld } from '../../src/common/run-input';
import type { GuestDirectory } from '../output-files';
import type { SandboxRun } from '../protocol';

/**
 * What the request gives the guest's WASI state: nothing of the host is visible beyond this.
 * stdio is not the engine's: the fd table in front of it (guest-fds.ts) gives the guest its
 * stdin, stdout and stderr.
 */
export interface GuestSetup extends Pick<SandboxRun, 'argv'>, Omit<GuestWorld, 'args'> {
  /**
   * The run's time, for what an engine dates itself (file times, sleeps); clock_time_get is the
   * worker's (see applyDeterminism).
   */
  clock: GuestClock;
}

/** One run's WASI state: imports to instantiate with, then `start` to run `_start`. */
export interface EngineSession extends EngineFds {
  readonly imports: WebAssembly.Imports;
  /** Runs `_start` of an instance created from `imports`; returns the exit code. */
  start(instance: WebAssembly.Instance): number;
  /** The guest's root directory, read once the guest has ended however it ended (see collectOutputFiles). */
  files(): GuestDirectory;
}

/** A WASI preview 1 implementation. Caps (memory, time, output) are enforced around it, not by it. */
export interface WasiEngine {
  readonly name: string;
  /** Called once per worker before the first session. */
  ready(): Promise<void>;
  /**
   * `moduleImports` is `WebAssembly.Module.imports(module)`, read once per run by the caller;
   * the bytes of the guest's files (the request's and those it writes) are reserved in `files`.
   */
  createSession(module: WebAssembly.Module, moduleImports: WebAssembly.ModuleImportDescriptor[], guest: GuestSetup, files: FileBudget): EngineSession;
}

/**
 * The guest's memory: `memory`, or the one the service exported under a hidden name (a module may
 * export something else under a name of that form: the service's name then has a suffix).
 */
export function primaryMemory(instance: WebAssembly.Instance): WebAssembly.Memory | undefined {
  const exports = instance.exports;
  if (exports.memory instanceof WebAssembly.Memory) return exports.memory;
  const hidden = Object.keys(exports).find((name) => name.startsWith(HIDDEN_MEMORY_EXPORT_PREFIX) && exports[name] instanceof WebAssembly.Memory);
  return hidden ? (exports[hidden] as WebAssembly.Memory) : undefined;
}

/**
 * Thrown by an engine's proc_exit to unwind the guest; carries the exit code. Not an Error: almost
 * every run ends with proc_exit, and an Error captures a stack trace through the guest's frames
 * when it is made, a large share of a tiny run (README, Performance).
 */
export class GuestExit {
  constructor(readonly code: number) {}

  toString(): string {
    return `exit ${this.code}`;
  }
}

/** Runs `_start` of an instance that needs no WASI state; returning from it means exit code 0. */
export function runStartExport(instance: WebAssembly.Instance): number {
  (instance.exports._start as () => void)();
  return 0;
}

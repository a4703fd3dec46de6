import { FilesLimitExceeded } from './file-budget';
import { OutputLimitExceeded } from './output-sink';
import type { RunEnding } from './protocol';
import { GuestExit } from './engines/engine';

export interface RunFacts {
  /**
   * Set when a memory.grow or table.grow of the guest was refused at the service's cap, saying
   * which ("its memory could not grow past the limit of N bytes"); null otherwise.
   */
  refusedGrow: string | null;
}

type Classified = Omit<RunEnding, 'runMs'>;

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/**
 * Maps how a run ended to one of the statuses of DESIGN.md. A run that fails (a trap or a
 * non-zero exit, as wasi-libc's malloc failing leads to) after a grow was refused at the cap is
 * `memory_limit_exceeded`; one that recovers and exits 0 is a success. That, and the guest's
 * files passing the cap, are the only memory_limit_exceeded: V8 failing to allocate what the
 * cap allows is the host's failure (internal_error), not the guest's.
 */
export function classifyExit(code: number, facts: RunFacts): Classified {
  // proc_exit takes a u32; wasmtime and node:wasi report the i32 it holds (`exit(-1)` is -1).
  const exitCode = code | 0;
  if (exitCode === 0) return { status: 'success', exitCode, error: null };
  if (facts.refusedGrow) {
    return { status: 'memory_limit_exceeded', exitCode, error: `the module exited with code ${exitCode} after ${facts.refusedGrow}` };
  }
  return { status: 'exit_error', exitCode, error: null };
}

/**
 * A wasm `throw` that no handler caught unwinds out of `_start` as a WebAssembly.Exception, which
 * is no Error and says nothing of itself: for the guest it is an abort, like a trap.
 */
const UNCAUGHT_EXCEPTION = 'uncaught exception: the module threw a WebAssembly exception (`throw`) that no handler caught';
/** Not in TypeScript's WebAssembly typings (Node 20's V8 has it). */
const WasmException = (WebAssembly as unknown as { Exception?: abstract new (...args: never[]) => object }).Exception;

function isWasmException(error: unknown): boolean {
  return WasmException !== undefined && error instanceof WasmException;
}

export function classifyError(error: unknown, facts: RunFacts): Classified {
  if (error instanceof GuestExit) return classifyExit(error.code, facts);
  if (error instanceof OutputLimitExceeded) return { status: 'output_limit_exceeded', exitCode: null, error: error.message };
  if (error instanceof FilesLimitExceeded) return { status: 'memory_limit_exceeded', exitCode: null, error: error.message };
  if (isWasmException(error)) return { status: 'trap', exitCode: null, error: UNCAUGHT_EXCEPTION };
  if (error instanceof WebAssembly.RuntimeError || isStackOverflow(error)) {
    const message = (error as Error).message;
    if (facts.refusedGrow) return { status: 'memory_limit_exceeded', exitCode: null, error: `${message} (after ${facts.refusedGrow})` };
    return { status: 'trap', exitCode: null, error: message };
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { status: 'internal_error', exitCode: null, error: message };
}

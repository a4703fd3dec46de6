/**
 * Piscina task of the module checker: checks, caps and compiles one module on a thread of its
 * own, so that decoding millions of entries or compiling megabytes of code never holds the
 * service's event loop. What it sends back is small: a summary, the compiled module when asked
 * for (with the bytes it was given, moved back), and what compiling it made resident.
 */
import { Piscina } from 'piscina';
import { ModuleRefusal, moduleRefused } from './module-refusal';
import type { ProblemCode } from '../http/problem-codes';
import { collectGarbageSoon } from './full-collection';
import { checkModule, ModuleCaps } from './module-validator';
import { residentEstimate } from './compiled-size';
import type { ImportedMemoryLimits, WasmModuleInfo } from '../common/wasm-binary';

export interface ModuleCheckTask {
  bytes: Uint8Array;
  caps: ModuleCaps;
  /** A run needs the compiled module; a check at upload only its verdict. */
  keepModule: boolean;
}

/** What a stored module records of its upload. */
export interface ModuleSummary {
  /** `module.name` of each distinct import, in order of first appearance. */
  imports: string[];
  memory: { min: number; max: number | null } | null;
}

export interface CheckPassed {
  ok: true;
  /** The task's bytes, moved back. */
  bytes: Uint8Array;
  summary: ModuleSummary;
  module: WebAssembly.Module | null;
  importedMemory: ImportedMemoryLimits | null;
  /** The export a refused grow sets: see CheckedModule. */
  refusedGrowExport: string | null;
  /** What the compiled module holds resident: measured around its compile, or the fitted estimate when larger. */
  residentBytes: number;
}

/** A ModuleRefusal as it crosses threads (classes do not). */
export interface ProblemData {
  code: ProblemCode;
  detail: string;
  extensions: Record<string, unknown>;
  headers: Record<string, string>;
}

export type ModuleCheckOutcome = CheckPassed | { ok: false; problem: ProblemData };

function summarize(info: WasmModuleInfo): ModuleSummary {
  const imports = [...new Set(info.imports.map((entry) => `${entry.module}.${entry.name}`))];
  const memory = info.memories[0];
  return { imports, memory: memory ? { min: memory.min, max: memory.max } : null };
}

function compile(bytes: Uint8Array): WebAssembly.Module {
  try {
    return new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
  } catch (error) {
    throw moduleRefused('module_invalid', `WebAssembly validation failed: ${(error as Error).message}`);
  }
}

function passed(task: ModuleCheckTask): CheckPassed {
  const { info, structure, cappedBytes, importedMemory, refusedGrowExport } = checkModule(task.bytes, task.caps);
  const before = process.memoryUsage.rss();
  const module = compile(cappedBytes);
  const measured = process.memoryUsage.rss() - before;
  const estimate = residentEstimate(cappedBytes.length, structure.functions, structure.codeBytes);
  const residentBytes = Math.max(measured, estimate);
  const kept = task.keepModule ? module : null;
  return { ok: true, bytes: task.bytes, summary: summarize(info), module: kept, importedMemory, refusedGrowExport, residentBytes };
}

/** The outcome, its bytes moved back rather than copied. */
function movingBytes(outcome: CheckPassed): unknown {
  return Piscina.move({ [Piscina.transferableSymbol]: [outcome.bytes.buffer], [Piscina.valueSymbol]: outcome } as unknown as ArrayBuffer);
}

export default function checkModuleTask(task: ModuleCheckTask): unknown {
  try {
    return movingBytes(passed(task));
  } catch (error) {
    if (!(error instanceof ModuleRefusal)) throw error;
    const { code, detail, extensions, headers } = error;
    return { ok: false, problem: { code, detail, extensions, headers } };
  } finally {
    // Runs once the result is posted: this thread's copy of the module is garbage by then.
    collectGarbageSoon();
  }
}

import { performance } from 'node:perf_hooks';
import { classifyError, classifyExit, RunFacts } from './classify';
import { primaryMemory, WasiEngine } from './engines/engine';
import { guardInstantiation } from './instantiation-guard';
import { FileBudget, FilesLimitExceeded } from './file-budget';
import { OutputLimitExceeded, OutputSink } from './output-sink';
import { GuestMemories } from './guest-memories';
import { OutputLayout, PAGE_BYTES, SANDBOX_MEMORY_IMPORT, SandboxOutcome, SandboxTask, Slot } from './protocol';
import { GuestFdTable, installFdTable } from './guest-fds';
import { GuestMemoryView } from './guest-memory-view';
import { standardFiles } from './stdio-files';

function guestMemories(instance: WebAssembly.Instance): WebAssembly.Memory[] {
  return Object.values(instance.exports).filter((value): value is WebAssembly.Memory => value instanceof WebAssembly.Memory);
}

function guestTables(instance: WebAssembly.Instance): WebAssembly.Table[] {
  return Object.values(instance.exports).filter((value): value is WebAssembly.Table => value instanceof WebAssembly.Table);
}

/** This thread's memories for guests that import theirs. */
const memories = new GuestMemories();

/**
 * Runs one module in a fresh instance. Never throws: every way a run can end becomes a status.
 * The time cap is not here — the service terminates this whole worker when it runs too long.
 */
export function runModule(engine: WasiEngine, task: SandboxTask): SandboxOutcome {
  const layout = new OutputLayout(task.output);
  const sink = new OutputSink(layout);
  const started = performance.now();
  let instance: WebAssembly.Instance | undefined;
  const facts = (): RunFacts => ({ atResourceCap: instance ? reachedCap(instance, task) : false });
  const memory = task.importedMemory && memories.take(task.importedMemory);
  const files = new FileBudget(task.memoryLimitBytes, () => (instance ? linearMemoryBytes(instance) : 0));
  try {
    const moduleImports = WebAssembly.Module.imports(task.module);
    const session = engine.createSession(task.module, moduleImports, task, files);
    if (memory) session.imports[SANDBOX_MEMORY_IMPORT.module] = { [SANDBOX_MEMORY_IMPORT.name]: memory };
    const view = new GuestMemoryView(() => (instance ? primaryMemory(instance) : undefined));
    const fds = new GuestFdTable(standardFiles(task.stdin, sink, view), session.rootFd);
    installFdTable(session.imports, moduleImports, fds, session, view);
    guardInstantiation(session.imports, moduleImports, () => instance !== undefined);
    instance = new WebAssembly.Instance(task.module, session.imports);
    recordMemory(layout, instance);
    const exitCode = session.start(instance);
    return { ...classifyExit(exitCode, facts()), runMs: performance.now() - started };
  } catch (error) {
    const cause = sink.exceeded ? new OutputLimitExceeded(layout.capBytes) : files.exceeded ? new FilesLimitExceeded(files.limitBytes) : error;
    return { ...classifyError(cause, facts()), runMs: performance.now() - started };
  } finally {
    if (instance) recordMemory(layout, instance);
    if (memory) memories.give(memory, task.importedMemory!);
  }
}

function linearMemoryBytes(instance: WebAssembly.Instance): number {
  return guestMemories(instance).reduce((sum, memory) => sum + memory.buffer.byteLength, 0);
}

function recordMemory(layout: OutputLayout, instance: WebAssembly.Instance): void {
  Atomics.store(layout.header, Slot.MemoryPages, linearMemoryBytes(instance) / PAGE_BYTES);
}

/**
 * A guest that fails after filling its memory or a table to within 1/16 of the cap most likely
 * failed because a grow was refused (wasm gives the host no signal when memory.grow returns -1).
 */
const NEAR_CAP = 15 / 16;

function reachedCap(instance: WebAssembly.Instance, task: SandboxTask): boolean {
  const memoryFull = guestMemories(instance).some((memory) => memory.buffer.byteLength >= task.memoryLimitBytes * NEAR_CAP);
  const tableFull = guestTables(instance).some((table) => table.length >= task.maxTableElements * NEAR_CAP);
  return memoryFull || tableFull;
}

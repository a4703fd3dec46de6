import { performance } from 'node:perf_hooks';
import { classifyError, classifyExit, RunFacts } from './classify';
import { EngineSession, primaryMemory, WasiEngine } from './engines/engine';
import { guardInstantiation } from './instantiation-guard';
import { FileBudget, FilesLimitExceeded } from './file-budget';
import { OutputLimitExceeded, OutputSink } from './output-sink';
import { GuestMemories } from './guest-memories';
import { OutputLayout, RunEnding, SandboxOutcome, SandboxTask, Slot } from './protocol';
import { SANDBOX_MEMORY_IMPORT } from '../src/common/wasm-binary/cap-limits';
import { PAGE_BYTES } from '../src/common/wasm-binary/wasm-page';
import { GuestFdTable, installFdTable } from './guest-fds';
import { GuestMemoryView } from './guest-memory-view';
import { standardFiles } from './stdio-files';
import { applyDeterminism } from './determinism';
import { FixedClock, HostClock } from './guest-clock';
import { RefusedGrow } from '../src/common/wasm-binary/grow-guard';
import { collectOutputFiles, CollectedFiles, NO_FILES } from './output-files';

/** Each memory the instance exports, once however many names it is exported under. */
function guestMemories(instance: WebAssembly.Instance): WebAssembly.Memory[] {
  return [...new Set(Object.values(instance.exports).filter((value): value is WebAssembly.Memory => value instanceof WebAssembly.Memory))];
}

/** This thread's memories for guests that import theirs. */
const memories = new GuestMemories();

/**
 * Runs one module in a fresh instance, then collects the files it left that the task asks for.
 * Never throws: every way a run can end becomes a status. The time cap is not here — the service
 * terminates this whole worker when it runs too long (and the guest's files go with it).
 */
export function runModule(engine: WasiEngine, task: SandboxTask): SandboxOutcome {
  const layout = new OutputLayout(task.output);
  const sink = new OutputSink(layout);
  const { outcome, session } = runGuest(engine, task, layout, sink);
  layout.markGuestEnded(outcome);
  try {
    return { ...outcome, ...leftFiles(session, task, layout.capBytes - sink.total, layout.capBytes) };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ...outcome, ...NO_FILES, status: 'internal_error', exitCode: null, error: `the files the guest left could not be read: ${message}` };
  }
}

function runGuest(engine: WasiEngine, task: SandboxTask, layout: OutputLayout, sink: OutputSink): { outcome: RunEnding; session?: EngineSession } {
  const started = performance.now();
  let instance: WebAssembly.Instance | undefined;
  let session: EngineSession | undefined;
  const facts = (): RunFacts => ({ refusedGrow: instance ? refusedGrow(instance, task) : null });
  const memory = task.importedMemory && memories.take(task.importedMemory);
  const files = new FileBudget(task.memoryLimitBytes, () => (instance ? linearMemoryBytes(instance) : 0));
  try {
    const moduleImports = WebAssembly.Module.imports(task.module);
    // Made first: a host clock's CPU time counts from the run's start on this thread.
    const clock = task.clock === 'fixed' ? new FixedClock() : new HostClock();
    const guest = { argv: task.argv, env: task.env, files: task.files, clock };
    session = engine.createSession(task.module, moduleImports, guest, files);
    if (memory) session.imports[SANDBOX_MEMORY_IMPORT.module] = { [SANDBOX_MEMORY_IMPORT.name]: memory };
    const view = new GuestMemoryView(() => (instance ? primaryMemory(instance) : undefined));
    const fds = new GuestFdTable(standardFiles(task.stdin, sink, view), session.rootFd);
    installFdTable(session.imports, moduleImports, fds, session, view, clock);
    applyDeterminism(session.imports, view, { clock, randomSeed: task.randomSeed });
    guardInstantiation(session.imports, moduleImports, () => instance !== undefined);
    instance = new WebAssembly.Instance(task.module, session.imports);
    recordMemory(layout, instance);
    const exitCode = session.start(instance);
    return { outcome: { ...classifyExit(exitCode, facts()), runMs: performance.now() - started }, session };
  } catch (error) {
    const cause = sink.exceeded ? new OutputLimitExceeded(layout.capBytes) : files.exceeded ? new FilesLimitExceeded(files.limitBytes) : error;
    return { outcome: { ...classifyError(cause, facts()), runMs: performance.now() - started }, session };
  } finally {
    if (instance) recordMemory(layout, instance);
    if (memory) memories.give(memory, task.importedMemory!);
  }
}

/** The files the task asks for, in what the output limit leaves after stdout and stderr; the names of those left out in as much again. */
function leftFiles(session: EngineSession | undefined, task: SandboxTask, roomBytes: number, namesBytes: number): CollectedFiles {
  if (!session || !task.outputFiles?.length) return NO_FILES;
  return collectOutputFiles(session.files(), task.outputFiles, roomBytes, namesBytes);
}

function linearMemoryBytes(instance: WebAssembly.Instance): number {
  return guestMemories(instance).reduce((sum, memory) => sum + memory.buffer.byteLength, 0);
}

function recordMemory(layout: OutputLayout, instance: WebAssembly.Instance): void {
  Atomics.store(layout.header, Slot.MemoryPages, linearMemoryBytes(instance) / PAGE_BYTES);
}

/** What refused a grow of the guest at the service's cap, read from the flag the rewrite added. */
function refusedGrow(instance: WebAssembly.Instance, task: SandboxTask): string | null {
  const flag = task.refusedGrowExport === null ? undefined : instance.exports[task.refusedGrowExport];
  const refused = flag instanceof WebAssembly.Global ? (flag.value as number) : RefusedGrow.None;
  if (refused === RefusedGrow.Memory) return `its memory could not grow past the limit of ${task.memoryLimitBytes} bytes`;
  if (refused === RefusedGrow.Table) return `a table could not grow past the limit of ${task.maxTableElements} elements its module's tables hold together`;
  return null;
}

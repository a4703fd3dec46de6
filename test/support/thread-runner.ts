import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import wabtInit = require('wabt');
import { sandboxedModule } from '../../src/wasm-modules/module-validator';
import type { SandboxStatus } from '../../src/common/execution-statuses';
import type { GuestFile } from '../../src/common/run-input';
import { PAGE_BYTES } from '../../src/common/wasm-binary/wasm-page';
import { OutputLayout, SandboxOutcome, SandboxTask } from '../../workers/protocol';
import { repositoryRoot } from './fixtures';
import { compiledFile } from '../../src/common/paths';
import { until } from './until';

/**
 * `runModule` (the worker's own code path, minus the pool) in a plain worker thread next to the
 * test rather than inside jest's module registry: @bjorn3/browser_wasi_shim is an ES module,
 * which Node loads with `require` but jest (on Node 20) cannot. The thread is also where the
 * service runs guests, with its own stack.
 */

const ROOT = repositoryRoot() ?? process.cwd();
export const MEMORY_LIMIT = 32 * 1024 * 1024;
export const MAX_TABLE_ELEMENTS = 1 << 20;
const OUTPUT_CAP = 1024 * 1024;

/** A module as the service runs it: compiled, and the memory its worker must supply (if any). */
interface Runnable {
  module: WebAssembly.Module;
  importedMemory: SandboxTask['importedMemory'];
  refusedGrowExport: SandboxTask['refusedGrowExport'];
}

const compiled = new Map<string, Runnable>();

/** Compiles a module the way the service does: maxima capped, its memory imported from the worker. */
async function compile(bytes: Uint8Array): Promise<Runnable> {
  const { cappedBytes, importedMemory, refusedGrowExport } = sandboxedModule(bytes, MEMORY_LIMIT / PAGE_BYTES);
  return { module: await WebAssembly.compile(cappedBytes as Uint8Array<ArrayBuffer>), importedMemory, refusedGrowExport };
}

async function load(relativePath: string): Promise<Runnable> {
  let runnable = compiled.get(relativePath);
  if (!runnable) {
    runnable = await compile(readFileSync(join(ROOT, relativePath)));
    compiled.set(relativePath, runnable);
  }
  return runnable;
}

/** Compiles inline WAT once, as `wat:<name>` for `run`. */
export async function compileWat(name: string, source: string): Promise<string> {
  const path = `wat:${name}`;
  if (!compiled.has(path)) {
    const parsed = (await wabtInit()).parseWat(`${name}.wat`, source);
    compiled.set(path, await compile(new Uint8Array(parsed.toBinary({}).buffer)));
    parsed.destroy();
  }
  return path;
}

export interface Input {
  args?: string[];
  env?: Record<string, string>;
  stdin?: Uint8Array;
  files?: GuestFile[];
  outputCap?: number;
  memoryLimitBytes?: number;
  clock?: SandboxTask['clock'];
  randomSeed?: number;
  outputFiles?: string[];
}

export interface Result {
  status: SandboxStatus;
  exitCode: number | null;
  stdout: Buffer;
  stderr: Buffer;
  error: string | null;
  /** The files brought back, by path, in the order the worker gave them. */
  files: Map<string, Buffer>;
  filesOmitted: string[];
}

/** Loads the compiled engines and runModule with Node's own loader; runs one task per message. */
const RUNNER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createEngine } = require(workerData.engines);
const { runModule } = require(workerData.runModule);
const engines = new Map();
function engineFor(name) {
  if (!engines.has(name)) {
    const engine = createEngine(name);
    engines.set(name, engine.ready().then(() => engine));
  }
  return engines.get(name);
}
parentPort.on('message', async ({ id, task, mark }) => {
  if (mark) return void (process.stdout.write(mark), process.stderr.write(mark));
  try {
    parentPort.postMessage({ id, outcome: runModule(await engineFor(task.engine), task) });
  } catch (error) {
    parentPort.postMessage({ id, failure: String((error && error.stack) || error) });
  }
});
`;

interface Reply {
  id: number;
  outcome?: SandboxOutcome;
  failure?: string;
}

/** One worker thread running tasks in order; `printed()` is whatever the engines printed (nothing, ever). */
export class ThreadRunner {
  private readonly worker: Worker;
  private readonly console = { stdout: '', stderr: '' };
  private readonly pending = new Map<number, (reply: Reply) => void>();
  private runId = 0;

  constructor() {
    this.worker = new Worker(RUNNER_SOURCE, {
      eval: true,
      stdout: true,
      stderr: true,
      workerData: {
        engines: compiledFile('workers', 'engines', 'index'),
        runModule: compiledFile('workers', 'run-module'),
      },
    });
    this.worker.stdout.on('data', (chunk: Buffer) => (this.console.stdout += chunk.toString()));
    this.worker.stderr.on('data', (chunk: Buffer) => (this.console.stderr += chunk.toString()));
    this.worker.on('message', (reply: Reply) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
  }

  /**
   * What the thread printed to the host console until now. A thread's output reaches this thread
   * asynchronously, in order: once a mark the thread prints after everything else has come
   * through both streams, nothing printed before it is still on its way.
   */
  async printed(): Promise<string> {
    const mark = `<printed ${++this.runId}>`;
    this.worker.postMessage({ mark });
    await until(() => this.console.stdout.includes(mark) && this.console.stderr.includes(mark), 10_000);
    this.console.stdout = this.console.stdout.replace(mark, '');
    this.console.stderr = this.console.stderr.replace(mark, '');
    return this.console.stdout + this.console.stderr;
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }

  /** Runs the module at `path` (relative to the repository, or from compileWat) on `engine`. */
  async run(engine: string, path: string, input: Input = {}): Promise<Result> {
    const layout = OutputLayout.allocate(input.outputCap ?? OUTPUT_CAP);
    const task: SandboxTask = {
      runId: ++this.runId,
      ...(await load(path)),
      engine,
      argv: input.args ?? [path.split('/').pop() as string],
      env: input.env ?? {},
      stdin: input.stdin ?? new Uint8Array(0),
      files: input.files ?? [],
      memoryLimitBytes: input.memoryLimitBytes ?? MEMORY_LIMIT,
      maxTableElements: MAX_TABLE_ELEMENTS,
      clock: input.clock ?? 'real',
      randomSeed: input.randomSeed ?? null,
      outputFiles: input.outputFiles,
      output: layout.buffer,
    };
    const reply = await new Promise<Reply>((resolve) => {
      this.pending.set(task.runId, resolve);
      this.worker.postMessage({ id: task.runId, task });
    });
    if (!reply.outcome) throw new Error(`runModule threw (it never should): ${reply.failure}`);
    return {
      status: reply.outcome.status,
      exitCode: reply.outcome.exitCode,
      stdout: Buffer.from(layout.stdout.subarray(0, layout.stdoutLength)),
      stderr: Buffer.from(layout.stderr.subarray(0, layout.stderrLength)),
      error: reply.outcome.error,
      files: new Map(reply.outcome.files.map(({ path, data }) => [path, Buffer.from(data)])),
      filesOmitted: reply.outcome.filesOmitted,
    };
  }
}

import { init, WASI } from '@wasmer/wasi';
import { dirname, posix } from 'node:path';
import { EngineSession, GuestExit, GuestSetup, primaryMemory, runStartExport, WasiEngine } from './engine';
import type { FileBudget } from '../file-budget';
import type { GuestDirectory } from '../output-files';
import { ERRNO_BADF } from './wasi-abi';
import { countFiles, meterWasmerFiles, wasmerTree } from './wasmer-files';
import { applyWasmerFixes, WASMER_ROOT_FD } from './wasmer-fixes';

type MemFs = WASI['fs'];

/** The guest's directory of a module that imports nothing of WASI: nothing can be in it. */
const NO_DIRECTORY: GuestDirectory = { entries: () => [] };

function ensureDirectory(fs: MemFs, directory: string): void {
  if (directory === '/' || directory === '.') return;
  ensureDirectory(fs, dirname(directory));
  try {
    fs.createDir(directory);
  } catch {
    // already there
  }
}

/** @wasmer/wasi (the design card's engine): wasmer's WASI compiled to wasm, with an in-memory fs. */
export class WasmerEngine implements WasiEngine {
  readonly name = 'wasmer';

  async ready(): Promise<void> {
    await init();
  }

  createSession(module: WebAssembly.Module, moduleImports: WebAssembly.ModuleImportDescriptor[], guest: GuestSetup, budget: FileBudget): EngineSession {
    // Functions the module imports, by WASI namespace.
    const imported = new Map<string, Set<string>>();
    for (const entry of moduleImports) {
      if (!entry.module.startsWith('wasi_')) continue;
      if (!imported.has(entry.module)) imported.set(entry.module, new Set());
      imported.get(entry.module)!.add(entry.name);
    }
    // wasmer refuses a module that imports nothing of WASI; such a module needs no WASI state.
    if (imported.size === 0) {
      return { imports: {}, rootFd: WASMER_ROOT_FD, closeFd: () => ERRNO_BADF, readyBytes: () => 0n, start: (instance) => runStartExport(instance), files: () => NO_DIRECTORY };
    }
    const wasi = new WASI({ args: guest.argv, env: guest.env, preopens: { '/': '/' } });
    // Kept apart from `wasi`, which is freed when the guest ends: the guest's files are read after.
    const fs = wasi.fs;
    for (const file of guest.files) {
      const path = posix.join('/', file.path);
      ensureDirectory(fs, dirname(path));
      const handle = fs.open(path, { read: true, write: true, create: true });
      handle.write(file.data);
      handle.free();
    }
    if (guest.files.length > 0) budget.reserve(countFiles(fs), () => 0);
    let memory: WebAssembly.Memory | undefined;
    let started = false;
    // getImports gives this session's own objects: fixed in place (copying them would cost more than a tiny run).
    const imports = wasi.getImports(module) as WebAssembly.Imports;
    for (const [name, functions] of imported) {
      const namespace = imports[name] as Record<string, WebAssembly.ImportValue> | undefined;
      if (!namespace) continue;
      applyWasmerFixes(namespace, functions, () => memory);
      meterWasmerFiles(namespace, functions, () => memory, budget, fs);
      // wasmer's proc_exit works only inside `wasi.start`; called from the module's start
      // function (during instantiation) it throws an opaque wasm-bindgen object.
      const wasmerExit = namespace.proc_exit as (code: number) => never;
      namespace.proc_exit = (code: number): never => {
        if (started) return wasmerExit(code);
        throw new GuestExit(code >>> 0);
      };
    }
    // Taken now: the fd table puts its own fd_close in the imports.
    const wasmerClose = (imports[imported.keys().next().value as string] as Record<string, unknown>).fd_close as (fd: number) => number;
    return {
      imports,
      rootFd: WASMER_ROOT_FD,
      closeFd: (fd) => wasmerClose(fd),
      // wasmer's own poll_oneoff is not used (the fd table answers it); its fds are in memory, always ready.
      readyBytes: () => 0n,
      start(instance) {
        memory = primaryMemory(instance);
        started = true;
        wasi.instantiate(instance, {});
        try {
          return wasi.start(instance);
        } catch (error) {
          throw unwrapGuestError(error);
        } finally {
          wasi.free();
        }
      },
      files: () => wasmerTree(fs),
    };
  }
}

type ExceptionApi = {
  Tag: new (type: { parameters: string[] }) => object;
  Exception: new (tag: object, payload: unknown[]) => object;
};

/**
 * wasmer runs `_start` from its own wasm, so a trap of the guest comes back as a plain Error
 * ("Error while running start function: RuntimeError: unreachable"). Turn it back into what V8
 * threw, so a trap is a trap on every engine. An uncaught wasm exception keeps only its name
 * ("JsValue(WebAssembly.Exception)"): it comes back as a WebAssembly.Exception of its own.
 */
function unwrapGuestError(error: unknown): unknown {
  const message = error instanceof Error ? error.message : '';
  if (message.includes('JsValue(WebAssembly.Exception)')) {
    const api = WebAssembly as unknown as ExceptionApi;
    return new api.Exception(new api.Tag({ parameters: [] }), []);
  }
  const wrapped = /JsValue\((RuntimeError|RangeError): ([^\n]*)/.exec(message) ?? /RuntimeError: ()([^\n(][^\n]*)/.exec(message);
  if (!wrapped) return error;
  const [, kind, text] = wrapped;
  return kind === 'RangeError' ? new RangeError(text) : new WebAssembly.RuntimeError(text);
}

import { posix } from 'node:path';
import type * as ShimModule from '@bjorn3/browser_wasi_shim';
import { WASI_NAMESPACES } from '../../src/common/wasi-imports';
import type { GuestFile } from '../../src/common/run-input';
import type { FileBudget } from '../file-budget';
import { ShimFiles } from './browser-wasi-shim-files';
import { shimFixes, WasiFunctions } from './browser-wasi-shim-fixes';
import { shimPaths } from './browser-wasi-shim-paths';
import { ShimSession } from './browser-wasi-shim-state';
import { EngineSession, GuestExit, GuestSetup, primaryMemory, WasiEngine } from './engine';
import { ERRNO_FAULT } from './wasi-abi';

type Shim = typeof ShimModule;
type Inode = ShimModule.Inode;

/** A tree of plain maps first, so every `Directory` is built with its children (which sets their parent). */
interface DirNode {
  dirs: Map<string, DirNode>;
  files: Map<string, Uint8Array>;
}

function emptyDir(): DirNode {
  return { dirs: new Map(), files: new Map() };
}

function pathParts(path: string): string[] {
  // Joined onto "/" and normalised like the wasmer engine does: ".." cannot climb out of the root.
  return posix
    .join('/', path)
    .split('/')
    .filter((part) => part !== '');
}

function fileTree(files: GuestFile[]): DirNode {
  const root = emptyDir();
  for (const file of files) {
    const parts = pathParts(file.path);
    const name = parts.pop();
    if (name === undefined) throw new Error(`guest file path "${file.path}" names no file`);
    let dir = root;
    for (const part of parts) {
      if (dir.files.has(part)) throw new Error(`guest file path "${file.path}" goes through the file "${part}"`);
      let next = dir.dirs.get(part);
      if (!next) {
        next = emptyDir();
        dir.dirs.set(part, next);
      }
      dir = next;
    }
    if (dir.dirs.has(name)) throw new Error(`guest file path "${file.path}" is also a directory`);
    dir.files.set(name, file.data);
  }
  return root;
}

function toInodes(shim: Shim, files: ShimFiles, node: DirNode): Map<string, Inode> {
  const contents = new Map<string, Inode>();
  for (const [name, child] of node.dirs) contents.set(name, new shim.Directory(toInodes(shim, files, child)));
  // A file copies the bytes, so what the guest writes never reaches the request's buffers.
  for (const [name, data] of node.files) contents.set(name, files.file(data));
  return contents;
}

/**
 * The shim reads and writes guest memory without bounds checks, so a bad pointer throws a
 * RangeError inside the host function; the guest gets EFAULT instead, as on other runtimes.
 * A stack overflow (also a RangeError) still ends the run as a trap.
 */
function withFaults(fn: (...args: never[]) => unknown): (...args: never[]) => unknown {
  return (...args: never[]): unknown => {
    try {
      return fn(...args);
    } catch (error) {
      if (error instanceof RangeError && !/call stack/i.test(error.message)) return ERRNO_FAULT;
      throw error;
    }
  };
}

function ownFunction(functions: WasiFunctions, name: string): WasiFunctions[string] | undefined {
  return Object.hasOwn(functions, name) ? functions[name] : undefined;
}

function replacement(sets: readonly WasiFunctions[], name: string): WasiFunctions[string] | undefined {
  for (const functions of sets) {
    const fn = ownFunction(functions, name);
    if (fn) return fn;
  }
  return undefined;
}

/** The shim's only fd: the guest's root directory (the fd table gives the guest its stdio). */
const ROOT_FD = 0;

/**
 * @bjorn3/browser_wasi_shim: a pure JavaScript WASI preview 1 with an in-memory filesystem.
 * No host console: the shim has no stdio of its own, and its debug logging (which `new WASI`
 * turns on unless told `debug: false`) stays off.
 */
export class BrowserWasiShimEngine implements WasiEngine {
  readonly name = 'browser_wasi_shim';
  private shim: Shim | undefined;

  /**
   * The shim is published as an ES module only; it is loaded here rather than at import time
   * (compiled to a `require`, which Node >= 20.19 — package.json `engines` — can do for ES
   * modules), so importing the engine list never loads it.
   */
  async ready(): Promise<void> {
    this.shim ??= await import('@bjorn3/browser_wasi_shim');
  }

  createSession(_module: WebAssembly.Module, moduleImports: WebAssembly.ModuleImportDescriptor[], guest: GuestSetup, budget: FileBudget): EngineSession {
    const shim = this.shim;
    if (!shim) throw new Error('browser_wasi_shim engine used before ready()');
    const files = new ShimFiles(shim, budget);
    const root = new shim.PreopenDirectory('/', toInodes(shim, files, fileTree(guest.files)));
    const fds: ShimModule.Fd[] = [root];
    const env = Object.entries(guest.env).map(([name, value]) => `${name}=${value}`);
    const wasi = new shim.WASI(guest.argv, env, fds, { debug: false });
    let memory: WebAssembly.Memory | undefined;
    files.track(root.dir, wasi.fds);
    const state = new ShimSession(shim, wasi, () => memory, guest.clock);
    // Looked up in turn, not merged: V8 spreads objects of closures on a slow path.
    const replacements = [shimFixes(state), shimPaths(state, root.dir, files)];
    const original = wasi.wasiImport as WasiFunctions;
    // GuestExit rather than the shim's own WASIProcExit, which only `wasi.start` catches: an exit
    // from the module's start function (during instantiation) is an exit too.
    const exit = (code: number): never => {
      throw new GuestExit(code >>> 0);
    };
    // Only what the module imports is wrapped and offered (a few functions, not all 46 twice).
    const imports: WebAssembly.Imports = {};
    for (const entry of moduleImports) {
      if (entry.kind !== 'function' || !WASI_NAMESPACES.has(entry.module)) continue;
      const fn = entry.name === 'proc_exit' ? exit : replacement(replacements, entry.name) ?? ownFunction(original, entry.name);
      if (!fn) continue;
      imports[entry.module] ??= {};
      imports[entry.module][entry.name] = withFaults(fn);
    }
    return {
      imports,
      rootFd: ROOT_FD,
      closeFd: (fd) => (original.fd_close as (fd: number) => number)(fd),
      readyBytes(fd, reading) {
        const object = wasi.fds[fd];
        return reading && object instanceof shim.OpenFile && object.file.size > object.file_pos ? object.file.size - object.file_pos : 0n;
      },
      start(instance) {
        memory = primaryMemory(instance);
        const start = instance.exports._start;
        if (typeof start !== 'function') throw new Error('the module exports no _start function');
        // The shim reads `exports.memory`; the service may have exported it under a hidden name.
        return wasi.start({ exports: { memory: memory as WebAssembly.Memory, _start: start as () => unknown } });
      },
      files: () => files.tree(),
    };
  }
}

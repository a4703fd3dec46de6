import { WASI_NAMESPACES } from '../src/common/wasi-imports';
import { PollHost, pollOneoff, subscribedFds } from './engines/poll-oneoff';
import { ERRNO_BADF, ERRNO_NOTCAPABLE, ERRNO_SUCCESS, FD_PARAMS, FD_RESULTS } from './engines/wasi-abi';
import type { GuestClock } from './guest-clock';
import { faultsAsErrno, GuestMemoryView } from './guest-memory-view';
import { StdioFile } from './stdio-files';

/** What the fd table needs of an engine's session: its own fds stay behind the table. */
export interface EngineFds {
  /** The engine's fd of the guest's root directory, which the guest first sees at fd 3. */
  readonly rootFd: number;
  /** Closes one of the engine's fds (fd_renumber closes its target too); returns the errno. */
  closeFd(fd: number): number;
  /** Bytes ready to read on one of the engine's fds (0 when writing), for poll_oneoff. */
  readyBytes(fd: number, reading: boolean): bigint;
}

/** An open file as the guest's fd refers to it: one of the engine's fds, or a stdio file. */
type Entry = number | StdioFile;

/**
 * The guest's fd numbers, as node:wasi (uvwasi) keeps them: a new fd takes the lowest free
 * number, `fd_renumber(from, to)` closes `to` and moves the open file from `from` to it, and
 * stdin/stdout/stderr are open files like any other, so writes reach the output sink through
 * whichever fd holds stdout, and fd 1 is closed once stdout moved away.
 */
export class GuestFdTable {
  private readonly entries: Array<Entry | undefined>;

  constructor(stdio: readonly StdioFile[], rootFd: number) {
    this.entries = [...stdio, rootFd];
  }

  get(fd: number): Entry | undefined {
    return this.entries[fd >>> 0];
  }

  open(entry: Entry): number {
    let fd = this.entries.indexOf(undefined);
    if (fd < 0) fd = this.entries.length;
    this.entries[fd] = entry;
    return fd;
  }

  close(fd: number): void {
    this.entries[fd >>> 0] = undefined;
  }

  move(from: number, to: number): void {
    this.entries[to >>> 0] = this.entries[from >>> 0];
    this.entries[from >>> 0] = undefined;
  }
}

type WasiFunction = (...args: never[]) => unknown;
type Namespace = Record<string, WebAssembly.ImportValue>;

/** Wrappers of the functions the fd table answers itself, whatever the engine does. */
function ownFunctions(table: GuestFdTable, engine: EngineFds, memory: GuestMemoryView, clock: GuestClock): Record<string, (...args: never[]) => number> {
  const closeEntry = (entry: Entry): number => (typeof entry === 'number' ? engine.closeFd(entry) : ERRNO_SUCCESS);
  return {
    fd_close: (fd: number): number => {
      const entry = table.get(fd);
      if (entry === undefined) return ERRNO_BADF;
      const errno = closeEntry(entry);
      if (errno === ERRNO_SUCCESS) table.close(fd);
      return errno;
    },
    fd_renumber: (from: number, to: number): number => {
      const target = table.get(to);
      if (table.get(from) === undefined || target === undefined) return ERRNO_BADF;
      if (from >>> 0 === to >>> 0) return ERRNO_SUCCESS;
      // Whatever the engine answers: wasmer refuses to close its preopen (INVAL), which then
      // stays open in the engine, out of the guest's reach.
      closeEntry(target);
      table.move(from, to);
      return ERRNO_SUCCESS;
    },
    poll_oneoff: (inPtr: number, outPtr: number, count: number, neventsPtr: number): number =>
      faultsAsErrno(() => {
        const host: PollHost = {
          view: () => memory.view(),
          check: (ptr, length) => memory.check(ptr, length),
          readyBytes: (fd, reading) => {
            const entry = table.get(fd);
            if (entry === undefined) return null;
            if (typeof entry === 'number') return engine.readyBytes(entry, reading);
            return reading ? entry.ready : 0n;
          },
          clock,
        };
        const refused = subscribedFds(host, inPtr >>> 0, count >>> 0).some((fd) => {
          const entry = table.get(fd);
          return entry !== undefined && typeof entry !== 'number' && !entry.pollable;
        });
        return refused ? ERRNO_NOTCAPABLE : pollOneoff(host, inPtr >>> 0, outPtr >>> 0, count >>> 0, neventsPtr >>> 0);
      }),
  };
}

/** fd_read / fd_write: called for every chunk of I/O, so without the generic wrapper's argument array. */
function transferFunction(name: 'fd_read' | 'fd_write', call: WasiFunction, table: GuestFdTable) {
  const engineCall = call as (fd: number, iovs: number, count: number, resultPtr: number) => unknown;
  return (fd: number, iovs: number, count: number, resultPtr: number): unknown => {
    const entry = table.get(fd);
    if (entry === undefined) return ERRNO_BADF;
    if (typeof entry === 'number') return engineCall(entry, iovs, count, resultPtr);
    return faultsAsErrno(() => entry[name](iovs, count, resultPtr));
  };
}

/** Any other function that takes fds: guest fds become the engine's, and a new fd it returns the guest's. */
function translatedFunction(name: string, call: WasiFunction, table: GuestFdTable, memory: GuestMemoryView) {
  const fdParams = FD_PARAMS[name];
  const resultAt = FD_RESULTS[name];
  const engineCall = call as (...args: unknown[]) => unknown;
  return (...args: unknown[]): unknown => {
    for (const index of fdParams) {
      const entry = table.get(args[index] as number);
      if (entry === undefined) return ERRNO_BADF;
      if (typeof entry !== 'number') return faultsAsErrno(() => entry.call(name, args.filter((_, i) => i !== index)));
      args[index] = entry;
    }
    const errno = engineCall(...args);
    if (resultAt === undefined || errno !== ERRNO_SUCCESS) return errno;
    return faultsAsErrno(() => {
      const at = (args[resultAt] as number) >>> 0;
      memory.check(at, 4);
      const opened = memory.view().getUint32(at, true);
      memory.view().setUint32(at, table.open(opened), true);
      return ERRNO_SUCCESS;
    });
  };
}

/**
 * Puts the fd table in front of the engine's functions the module imports: every function that
 * takes or returns an fd goes through it, so fd numbers, stdio and `fd_renumber` behave the same
 * on every engine. poll_oneoff measures and sleeps on `clock`, the run's.
 */
export function installFdTable(
  imports: WebAssembly.Imports,
  moduleImports: readonly WebAssembly.ModuleImportDescriptor[],
  table: GuestFdTable,
  engine: EngineFds,
  memory: GuestMemoryView,
  clock: GuestClock,
): void {
  const own = ownFunctions(table, engine, memory, clock);
  for (const entry of moduleImports) {
    if (entry.kind !== 'function' || !WASI_NAMESPACES.has(entry.module) || !FD_PARAMS[entry.name] && !own[entry.name]) continue;
    const namespace = (imports[entry.module] ??= {}) as Namespace;
    const call = namespace[entry.name] as WasiFunction | undefined;
    if (own[entry.name]) namespace[entry.name] = own[entry.name];
    else if (!call) continue;
    else if (entry.name === 'fd_read' || entry.name === 'fd_write') namespace[entry.name] = transferFunction(entry.name, call, table);
    else namespace[entry.name] = translatedFunction(entry.name, call, table, memory);
  }
}

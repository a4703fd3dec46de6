import {
  ERRNO_BADF,
  ERRNO_FAULT,
  ERRNO_NAMETOOLONG,
  ERRNO_SUCCESS,
  EVENTTYPE_FD_READ,
  EVENTTYPE_FD_WRITE,
  OFLAGS_CREAT,
  OFLAGS_EXCL,
  OFLAGS_TRUNC,
  RIGHT_FD_WRITE,
  SUBSCRIPTION_BYTES,
} from './wasi-abi';

type WasiFunction = (...args: number[]) => unknown;
type PathOpen = (
  dirFd: number,
  dirFlags: number,
  path: number,
  pathLength: number,
  oflags: number,
  base: bigint,
  inheriting: bigint,
  fdFlags: number,
  openedFd: number,
) => unknown;
type WasiNamespace = Record<string, WebAssembly.ImportValue>;

type Memory = () => WebAssembly.Memory | undefined;

/**
 * Fixes for @wasmer/wasi 1.2 applied to one session's imports of a WASI namespace (in place: the
 * object is the session's own), each found with the official WASI test suite (see
 * hideVirtualRoot and createWithoutWrite). Only functions the module imports (`imported`) are
 * replaced, which keeps a session cheap.
 */
export function applyWasmerFixes(namespace: WasiNamespace, imported: ReadonlySet<string>, memory: Memory): void {
  if (imported.has('path_open')) namespace.path_open = createWithoutWrite(namespace, memory);
  hideVirtualRoot(namespace, imported, memory);
}

/**
 * wasmer refuses (PERM) a `path_open` that creates a file without asking for FD_WRITE, which
 * WASI allows (`open(path, O_CREAT | O_RDONLY)`; the WASI test suite's Rust programs create their
 * files with no rights at all). Such an open runs as two here: create the file with FD_WRITE and
 * close that fd, then open the file with the rights and flags the guest asked for, minus the
 * creation. Works on wasmer's own fd numbers (it runs beneath hideVirtualRoot).
 */
function createWithoutWrite(namespace: WasiNamespace, memory: Memory): PathOpen {
  const pathOpen = namespace.path_open as PathOpen;
  const close = namespace.fd_close as WasiFunction;
  return (dirFd, dirFlags, path, pathLength, oflags, base, inheriting, fdFlags, openedFd) => {
    if (!(oflags & OFLAGS_CREAT) || base & RIGHT_FD_WRITE) {
      return pathOpen(dirFd, dirFlags, path, pathLength, oflags, base, inheriting, fdFlags, openedFd);
    }
    const created = pathOpen(dirFd, dirFlags, path, pathLength, oflags, base | RIGHT_FD_WRITE, inheriting, fdFlags, openedFd);
    if (created !== ERRNO_SUCCESS) return created;
    const buffer = memory()?.buffer;
    if (!buffer) return ERRNO_FAULT;
    close(new DataView(buffer).getUint32(openedFd >>> 0, true));
    const reopen = oflags & ~(OFLAGS_CREAT | OFLAGS_EXCL | OFLAGS_TRUNC);
    return pathOpen(dirFd, dirFlags, path, pathLength, reopen, base, inheriting, fdFlags, openedFd);
  };
}

/** The first guest fd that is shifted, and by how much. */
const FIRST_SHIFTED = 3;
const SHIFT = 1;
const PREOPEN_NAME = new TextEncoder().encode('/');

const toHost = (fd: number): number => (fd >= FIRST_SHIFTED ? fd + SHIFT : fd);
const toGuest = (fd: number): number => (fd >= FIRST_SHIFTED + SHIFT ? fd - SHIFT : fd);

/** Which parameters of each WASI preview 1 function are fds. */
const FD_PARAMS: Record<string, number[]> = {
  fd_advise: [0],
  fd_allocate: [0],
  fd_close: [0],
  fd_datasync: [0],
  fd_fdstat_get: [0],
  fd_fdstat_set_flags: [0],
  fd_fdstat_set_rights: [0],
  fd_filestat_get: [0],
  fd_filestat_set_size: [0],
  fd_filestat_set_times: [0],
  fd_pread: [0],
  fd_prestat_get: [0],
  fd_prestat_dir_name: [0],
  fd_pwrite: [0],
  fd_read: [0],
  fd_readdir: [0],
  fd_renumber: [0, 1],
  fd_seek: [0],
  fd_sync: [0],
  fd_tell: [0],
  fd_write: [0],
  path_create_directory: [0],
  path_filestat_get: [0],
  path_filestat_set_times: [0],
  path_link: [0, 4],
  path_open: [0],
  path_readlink: [0],
  path_remove_directory: [0],
  path_rename: [0, 3],
  path_symlink: [2],
  path_unlink_file: [0],
  sock_accept: [0],
  sock_recv: [0],
  sock_send: [0],
  sock_shutdown: [0],
};

/** Functions that write a new fd into guest memory: the index of that pointer parameter. */
const FD_RESULTS: Record<string, number> = { path_open: 8, sock_accept: 2 };

/**
 * @wasmer/wasi 1.x always opens its own virtual root directory at fd 3, before any preopen. That
 * root lets a guest create files but not directories (ACCES), and not delete or rename anything
 * (NOTCAPABLE), and programs that take the first preopen (the WASI test suite's Rust programs,
 * for one) use it as their scratch directory. The real preopen — the MemFS root, mapped as `/` —
 * comes next, at fd 4, with full rights.
 *
 * This layer hides the virtual root: guest fd 3 is wasmer's fd 4, and every fd from 3 up is one
 * less for the guest than for wasmer. The preopen is named `/`, as on the other engine (wasmer
 * reports its `/` alias with an empty name).
 */
function hideVirtualRoot(namespace: WasiNamespace, imported: ReadonlySet<string>, memory: Memory): void {
  const view = (): DataView | undefined => {
    const buffer = memory()?.buffer;
    return buffer ? new DataView(buffer) : undefined;
  };
  for (const name of imported) {
    const fdParams = FD_PARAMS[name];
    const original = namespace[name] as WasiFunction | undefined;
    if (!fdParams || typeof original !== 'function') continue;
    const resultAt = FD_RESULTS[name];
    namespace[name] = (...args: number[]): unknown => {
      for (const index of fdParams) args[index] = toHost(args[index]);
      const errno = original(...args);
      if (resultAt !== undefined && errno === ERRNO_SUCCESS) {
        const memoryView = view();
        const pointer = args[resultAt] >>> 0;
        if (memoryView && pointer + 4 <= memoryView.byteLength) {
          memoryView.setUint32(pointer, toGuest(memoryView.getUint32(pointer, true)), true);
        }
      }
      return errno;
    };
  }

  const prestatGet = namespace.fd_prestat_get as WasiFunction | undefined;
  if (imported.has('fd_prestat_get') && prestatGet) {
    namespace.fd_prestat_get = (fd: number, pointer: number): unknown => {
      const errno = prestatGet(fd, pointer);
      if (errno === ERRNO_SUCCESS && fd === FIRST_SHIFTED) view()?.setUint32((pointer >>> 0) + 4, PREOPEN_NAME.length, true);
      return errno;
    };
  }
  const prestatName = namespace.fd_prestat_dir_name as WasiFunction | undefined;
  if (imported.has('fd_prestat_dir_name') && prestatName) {
    // As the shim does: as much of the name as fits, and NAMETOOLONG when it did not all fit.
    namespace.fd_prestat_dir_name = (fd: number, pointer: number, length: number): unknown => {
      if (fd !== FIRST_SHIFTED) return prestatName(fd, pointer, length);
      const errno = prestatName(fd, pointer, 0); // still the preopen (its wasmer name is empty)?
      if (errno !== ERRNO_SUCCESS) return errno;
      const memoryView = view();
      if (!memoryView) return ERRNO_BADF;
      const start = pointer >>> 0;
      const count = Math.min(length >>> 0, PREOPEN_NAME.length);
      if (start + count > memoryView.byteLength) return ERRNO_FAULT;
      new Uint8Array(memoryView.buffer, start, count).set(PREOPEN_NAME.subarray(0, count));
      return count < PREOPEN_NAME.length ? ERRNO_NAMETOOLONG : ERRNO_SUCCESS;
    };
  }

  const pollOneoff = namespace.poll_oneoff as WasiFunction | undefined;
  if (imported.has('poll_oneoff') && pollOneoff) {
    // Subscriptions to fd_read / fd_write name an fd inside guest memory: shifted for the call.
    namespace.poll_oneoff = (subscriptions: number, events: number, count: number, eventCount: number): unknown => {
      const memoryView = view();
      const start = subscriptions >>> 0;
      const total = count >>> 0;
      const inBounds = memoryView !== undefined && start + total * SUBSCRIPTION_BYTES <= memoryView.byteLength;
      const restore: [number, number][] = [];
      if (inBounds) {
        for (let i = 0; i < total; i++) {
          const at = start + i * SUBSCRIPTION_BYTES;
          const tag = memoryView.getUint8(at + 8);
          if (tag !== EVENTTYPE_FD_READ && tag !== EVENTTYPE_FD_WRITE) continue;
          const fd = memoryView.getUint32(at + 16, true);
          restore.push([at + 16, fd]);
          memoryView.setUint32(at + 16, toHost(fd | 0) >>> 0, true);
        }
      }
      try {
        return pollOneoff(subscriptions, events, count, eventCount);
      } finally {
        const after = view();
        for (const [at, fd] of restore) after?.setUint32(at, fd, true);
      }
    };
  }
}

import {
  ERRNO_BADF,
  ERRNO_FAULT,
  ERRNO_NAMETOOLONG,
  ERRNO_SUCCESS,
  OFLAGS_CREAT,
  OFLAGS_EXCL,
  OFLAGS_TRUNC,
  RIGHT_FD_WRITE,
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
 * WASMER_ROOT_FD and createWithoutWrite). Only functions the module imports (`imported`) are
 * replaced, which keeps a session cheap.
 */
export function applyWasmerFixes(namespace: WasiNamespace, imported: ReadonlySet<string>, memory: Memory): void {
  if (imported.has('path_open')) namespace.path_open = createWithoutWrite(namespace, memory);
  nameRoot(namespace, imported, memory);
}

/**
 * wasmer refuses (PERM) a `path_open` that creates a file without asking for FD_WRITE, which
 * WASI allows (`open(path, O_CREAT | O_RDONLY)`; the WASI test suite's Rust programs create their
 * files with no rights at all). Such an open runs as two here: create the file with FD_WRITE and
 * close that fd, then open the file with the rights and flags the guest asked for, minus the
 * creation. Works on wasmer's own fd numbers (it runs beneath the fd table).
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

/**
 * @wasmer/wasi 1.x always opens its own virtual root directory at fd 3, before any preopen. That
 * root lets a guest create files but not directories (ACCES), and not delete or rename anything
 * (NOTCAPABLE), and programs that take the first preopen (the WASI test suite's Rust programs,
 * for one) use it as their scratch directory. The real preopen — the MemFS root, mapped as `/` —
 * comes next, at wasmer's fd 4, with full rights: the fd table gives the guest that one as fd 3,
 * and the virtual root stays out of its reach.
 */
export const WASMER_ROOT_FD = 4;
const PREOPEN_NAME = new TextEncoder().encode('/');

/** The preopen is named `/`, as on the other engine (wasmer reports its `/` alias with an empty name). */
function nameRoot(namespace: WasiNamespace, imported: ReadonlySet<string>, memory: Memory): void {
  const view = (): DataView | undefined => {
    const buffer = memory()?.buffer;
    return buffer ? new DataView(buffer) : undefined;
  };
  const prestatGet = namespace.fd_prestat_get as WasiFunction | undefined;
  if (imported.has('fd_prestat_get') && prestatGet) {
    namespace.fd_prestat_get = (fd: number, pointer: number): unknown => {
      const errno = prestatGet(fd, pointer);
      if (errno === ERRNO_SUCCESS && fd === WASMER_ROOT_FD) view()?.setUint32((pointer >>> 0) + 4, PREOPEN_NAME.length, true);
      return errno;
    };
  }
  const prestatName = namespace.fd_prestat_dir_name as WasiFunction | undefined;
  if (imported.has('fd_prestat_dir_name') && prestatName) {
    // As the shim does: as much of the name as fits, and NAMETOOLONG when it did not all fit.
    namespace.fd_prestat_dir_name = (fd: number, pointer: number, length: number): unknown => {
      if (fd !== WASMER_ROOT_FD) return prestatName(fd, pointer, length);
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
}

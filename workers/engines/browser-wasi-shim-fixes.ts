import type * as ShimModule from '@bjorn3/browser_wasi_shim';
import { pollOneoff } from './poll-oneoff';
import {
  DIRECTORY_RIGHTS,
  ERRNO_BADF,
  ERRNO_EXIST,
  ERRNO_FAULT,
  ERRNO_INVAL,
  ERRNO_ISDIR,
  ERRNO_NOTCAPABLE,
  ERRNO_NOTDIR,
  ERRNO_NOTSOCK,
  ERRNO_NOTSUP,
  ERRNO_SUCCESS,
  FDFLAGS_ALL,
  FDFLAGS_APPEND,
  FILE_RIGHTS,
  FSTFLAGS_ATIM,
  FSTFLAGS_ATIM_NOW,
  FSTFLAGS_MTIM,
  FSTFLAGS_MTIM_NOW,
  Fault,
  OFLAGS_CREAT,
  OFLAGS_TRUNC,
  RIGHT_FD_READ,
  RIGHT_FD_WRITE,
  RIGHT_PATH_CREATE_FILE,
  RIGHT_PATH_FILESTAT_SET_SIZE,
  RIGHT_PATH_OPEN,
  STDIN_RIGHTS,
  STDOUT_RIGHTS,
} from './wasi-abi';
import type { GuestClock } from '../guest-clock';

/**
 * Replacements for WASI functions that @bjorn3/browser_wasi_shim 0.4 gets wrong or leaves out,
 * layered over one session's `wasiImport`. Each fixes a difference from WASI preview 1 as other
 * runtimes (wasmtime, node:wasi) behave, found with the official WASI test suite:
 *
 * - rights: the shim reports no rights at all and ignores the open mode; here every fd carries
 *   base/inheriting rights (preopen: all directory rights, inheriting file rights too), narrowed
 *   by `path_open` and `fd_fdstat_set_rights`, and a file opened without FD_READ / FD_WRITE
 *   cannot be read / written;
 * - fd flags: `fd_fdstat_set_flags` is missing and APPEND only seeks once at open; here the
 *   flags are kept per fd, reported by `fd_fdstat_get`, and every write of an APPEND fd goes to
 *   the end of the file;
 * - filestat: the shim writes atim/mtim/ctim at wrong offsets (leaving stale guest bytes in ctim),
 *   reports nlink 0 and has no timestamps; here files have times of the run's clock (set at
 *   session start, creation, write, truncation and by `*_filestat_set_times`, which validates
 *   its flags);
 * - `poll_oneoff`: the shim supports one clock subscription only, reads its flags at a wrong
 *   offset, busy-waits and never writes the event count (Rust's `thread::sleep` panics on it);
 * - `path_link` replaces an existing file instead of failing with EXIST; `path_rename` refuses a
 *   trailing slash on a directory's new name and can move a directory into itself;
 * - `args_sizes_get` counts UTF-16 code units where `args_get` writes UTF-8 bytes;
 * - `proc_raise` and `sock_*` throw strings (the run would end as an internal error).
 *
 * Symbolic links (`path_symlink`, `path_readlink`) stay unsupported (NOTSUP), as in the shim.
 */

type Shim = typeof ShimModule;
type Fd = ShimModule.Fd;
type Inode = ShimModule.Inode;
export type WasiFunctions = Record<string, (...args: never[]) => unknown>;

interface FdState {
  base: bigint;
  inheriting: bigint;
  flags: number;
}

interface Times {
  atim: bigint;
  mtim: bigint;
  ctim: bigint;
}

export function shimFixes(
  shim: Shim,
  wasi: ShimModule.WASI,
  memory: () => WebAssembly.Memory | undefined,
  clock: GuestClock,
): WasiFunctions {
  const original = wasi.wasiImport as Record<string, (...args: number[]) => number>;
  const states = new WeakMap<Fd, FdState>();
  const times = new WeakMap<object, Times>();
  const sessionStart = clock.realtimeNs();

  wasi.fds.forEach((fd, number) => {
    if (fd instanceof shim.OpenDirectory) {
      states.set(fd, { base: DIRECTORY_RIGHTS, inheriting: DIRECTORY_RIGHTS | FILE_RIGHTS, flags: 0 });
    } else {
      states.set(fd, { base: number === 0 ? STDIN_RIGHTS : STDOUT_RIGHTS, inheriting: 0n, flags: 0 });
    }
  });

  const fdObject = (fd: number): Fd | undefined => wasi.fds[fd] ?? undefined;
  const stateOf = (fd: Fd): FdState => {
    let state = states.get(fd);
    if (!state) {
      state = { base: FILE_RIGHTS | DIRECTORY_RIGHTS, inheriting: FILE_RIGHTS | DIRECTORY_RIGHTS, flags: 0 };
      states.set(fd, state);
    }
    return state;
  };
  /** The inode behind an fd (what timestamps belong to); stdio devices stand for themselves. */
  const nodeOf = (fd: Fd): object =>
    fd instanceof shim.OpenFile ? fd.file : fd instanceof shim.OpenDirectory ? fd.dir : fd;
  const timesOf = (node: object): Times => {
    let entry = times.get(node);
    if (!entry) {
      entry = { atim: sessionStart, mtim: sessionStart, ctim: sessionStart };
      times.set(node, entry);
    }
    return entry;
  };
  const touch = (node: object): void => {
    const entry = timesOf(node);
    entry.mtim = entry.ctim = clock.realtimeNs();
  };

  const view = (): DataView => {
    const buffer = memory()?.buffer;
    if (!buffer) throw new Fault();
    return new DataView(buffer);
  };
  const check = (ptr: number, length: number): void => {
    if (ptr < 0 || ptr + length > view().byteLength) throw new Fault();
  };
  const readString = (ptr: number, length: number): string => {
    check(ptr, length);
    return new TextDecoder().decode(new Uint8Array(view().buffer).slice(ptr, ptr + length));
  };
  /** Runs a replacement, turning a bad guest pointer into EFAULT. */
  const guarded =
    <F extends (...args: never[]) => number>(fn: F) =>
    (...args: Parameters<F>): number => {
      try {
        return fn(...args);
      } catch (error) {
        if (error instanceof Fault) return ERRNO_FAULT;
        throw error;
      }
    };

  const writeFilestat = (ptr: number, stat: ShimModule.wasi.Filestat, node: object): void => {
    check(ptr, 64);
    const out = view();
    const { atim, mtim, ctim } = timesOf(node);
    out.setBigUint64(ptr, stat.dev, true);
    out.setBigUint64(ptr + 8, stat.ino, true);
    out.setUint32(ptr + 16, 0, true);
    out.setUint32(ptr + 20, 0, true);
    out.setUint8(ptr + 16, stat.filetype);
    out.setBigUint64(ptr + 24, 1n, true);
    out.setBigUint64(ptr + 32, stat.size, true);
    out.setBigUint64(ptr + 40, atim, true);
    out.setBigUint64(ptr + 48, mtim, true);
    out.setBigUint64(ptr + 56, ctim, true);
  };

  const setTimes = (node: object, atim: bigint, mtim: bigint, fstflags: number): number => {
    if ((fstflags & FSTFLAGS_ATIM && fstflags & FSTFLAGS_ATIM_NOW) || (fstflags & FSTFLAGS_MTIM && fstflags & FSTFLAGS_MTIM_NOW)) {
      return ERRNO_INVAL;
    }
    const entry = timesOf(node);
    const now = clock.realtimeNs();
    if (fstflags & FSTFLAGS_ATIM) entry.atim = atim;
    if (fstflags & FSTFLAGS_ATIM_NOW) entry.atim = now;
    if (fstflags & FSTFLAGS_MTIM) entry.mtim = mtim;
    if (fstflags & FSTFLAGS_MTIM_NOW) entry.mtim = now;
    entry.ctim = now;
    return ERRNO_SUCCESS;
  };

  const requireRight = (name: string, needed: bigint, afterwards?: (fd: Fd) => void) =>
    guarded((fd: number, ...rest: number[]): number => {
      const object = fdObject(fd);
      if (object && (stateOf(object).base & needed) === 0n) return ERRNO_BADF;
      const result = original[name](fd, ...rest);
      if (object && result === ERRNO_SUCCESS) afterwards?.(object);
      return result;
    });

  const notSocket = (fd: number): number => (fdObject(fd) ? ERRNO_NOTSOCK : ERRNO_BADF);
  /** Everything is in memory: an open fd is always ready; null for a closed one. */
  const readyBytes = (fd: number, reading: boolean): bigint | null => {
    const object = fdObject(fd);
    if (!object) return null;
    return reading && object instanceof shim.OpenFile && object.file.size > object.file_pos ? object.file.size - object.file_pos : 0n;
  };

  return {
    args_sizes_get: guarded((argcPtr: number, bufSizePtr: number): number => {
      check(argcPtr, 4);
      check(bufSizePtr, 4);
      const size = wasi.args.reduce((sum, arg) => sum + Buffer.byteLength(arg, 'utf8') + 1, 0);
      view().setUint32(argcPtr, wasi.args.length, true);
      view().setUint32(bufSizePtr, size, true);
      return ERRNO_SUCCESS;
    }),

    fd_read: requireRight('fd_read', RIGHT_FD_READ),
    fd_pread: requireRight('fd_pread', RIGHT_FD_READ),
    fd_pwrite: requireRight('fd_pwrite', RIGHT_FD_WRITE, (fd) => touch(nodeOf(fd))),
    fd_write: guarded((fd: number, iovs: number, iovsLength: number, nwrittenPtr: number): number => {
      const object = fdObject(fd);
      if (object) {
        const state = stateOf(object);
        if ((state.base & RIGHT_FD_WRITE) === 0n) return ERRNO_BADF;
        if (state.flags & FDFLAGS_APPEND && object instanceof shim.OpenFile) object.file_pos = object.file.size;
      }
      const result = original.fd_write(fd, iovs, iovsLength, nwrittenPtr);
      if (object && result === ERRNO_SUCCESS) touch(nodeOf(object));
      return result;
    }),
    fd_filestat_set_size: guarded((fd: number, size: bigint): number => {
      const result = (original.fd_filestat_set_size as unknown as (fd: number, size: bigint) => number)(fd, size);
      const object = fdObject(fd);
      if (object && result === ERRNO_SUCCESS) touch(nodeOf(object));
      return result;
    }),

    fd_fdstat_get: guarded((fd: number, ptr: number): number => {
      const object = fdObject(fd);
      if (!object) return ERRNO_BADF;
      check(ptr, 24);
      const result = original.fd_fdstat_get(fd, ptr);
      if (result !== ERRNO_SUCCESS) return result;
      const state = stateOf(object);
      const out = view();
      out.setUint16(ptr + 2, state.flags, true);
      out.setBigUint64(ptr + 8, state.base, true);
      out.setBigUint64(ptr + 16, state.inheriting, true);
      return ERRNO_SUCCESS;
    }),
    fd_fdstat_set_flags: (fd: number, flags: number): number => {
      const object = fdObject(fd);
      if (!object) return ERRNO_BADF;
      if (flags & ~FDFLAGS_ALL) return ERRNO_INVAL;
      stateOf(object).flags = flags;
      return ERRNO_SUCCESS;
    },
    fd_fdstat_set_rights: (fd: number, base: bigint, inheriting: bigint): number => {
      const object = fdObject(fd);
      if (!object) return ERRNO_BADF;
      const state = stateOf(object);
      if ((base & ~state.base) !== 0n || (inheriting & ~state.inheriting) !== 0n) return ERRNO_NOTCAPABLE;
      state.base = base;
      state.inheriting = inheriting;
      return ERRNO_SUCCESS;
    },

    fd_filestat_get: guarded((fd: number, ptr: number): number => {
      const object = fdObject(fd);
      if (!object) return ERRNO_BADF;
      const { ret, filestat } = object.fd_filestat_get();
      if (filestat) writeFilestat(ptr, filestat, nodeOf(object));
      return ret;
    }),
    path_filestat_get: guarded((fd: number, flags: number, pathPtr: number, pathLength: number, ptr: number): number => {
      const object = fdObject(fd);
      if (!object) return ERRNO_BADF;
      const { ret, inode_obj: inode } = object.path_lookup(readString(pathPtr, pathLength), flags);
      if (!inode) return ret;
      writeFilestat(ptr, inode.stat(), inode);
      return ERRNO_SUCCESS;
    }),
    fd_filestat_set_times: (fd: number, atim: bigint, mtim: bigint, fstflags: number): number => {
      const object = fdObject(fd);
      return object ? setTimes(nodeOf(object), atim, mtim, fstflags) : ERRNO_BADF;
    },
    path_filestat_set_times: guarded(
      (fd: number, flags: number, pathPtr: number, pathLength: number, atim: bigint, mtim: bigint, fstflags: number): number => {
        const object = fdObject(fd);
        if (!object) return ERRNO_BADF;
        const { ret, inode_obj: inode } = object.path_lookup(readString(pathPtr, pathLength), flags);
        return inode ? setTimes(inode, atim, mtim, fstflags) : ret;
      },
    ),

    path_open: guarded(
      (
        fd: number,
        dirflags: number,
        pathPtr: number,
        pathLength: number,
        oflags: number,
        base: bigint,
        inheriting: bigint,
        fdflags: number,
        openedPtr: number,
      ): number => {
        const directory = fdObject(fd);
        if (!(directory instanceof shim.OpenDirectory)) return directory ? ERRNO_NOTDIR : ERRNO_BADF;
        check(openedPtr, 4);
        const parent = stateOf(directory);
        if ((parent.base & RIGHT_PATH_OPEN) === 0n) return ERRNO_NOTCAPABLE;
        if (oflags & OFLAGS_TRUNC && (parent.base & RIGHT_PATH_FILESTAT_SET_SIZE) === 0n) return ERRNO_NOTCAPABLE;
        const { inode_obj: existing } = directory.path_lookup(readString(pathPtr, pathLength), dirflags);
        if (!existing && oflags & OFLAGS_CREAT && (parent.base & RIGHT_PATH_CREATE_FILE) === 0n) return ERRNO_NOTCAPABLE;
        // Like open(2): a directory cannot be opened for writing.
        if (existing instanceof shim.Directory && (base & RIGHT_FD_WRITE) !== 0n) return ERRNO_ISDIR;
        const call = original.path_open as unknown as (...args: Array<number | bigint>) => number;
        const result = call(fd, dirflags, pathPtr, pathLength, oflags, base, inheriting, fdflags, openedPtr);
        if (result !== ERRNO_SUCCESS) return result;
        const opened = fdObject(view().getUint32(openedPtr, true));
        if (opened) {
          const kind = opened instanceof shim.OpenDirectory ? DIRECTORY_RIGHTS : FILE_RIGHTS;
          states.set(opened, {
            base: base & parent.inheriting & kind,
            inheriting: inheriting & parent.inheriting,
            flags: fdflags & FDFLAGS_ALL,
          });
          if (!existing) {
            const now = clock.realtimeNs();
            times.set(nodeOf(opened), { atim: now, mtim: now, ctim: now });
          } else if (oflags & OFLAGS_TRUNC) {
            touch(nodeOf(opened));
          }
        }
        return ERRNO_SUCCESS;
      },
    ),

    path_link: guarded(
      (oldFd: number, oldFlags: number, oldPtr: number, oldLength: number, newFd: number, newPtr: number, newLength: number): number => {
        const target = fdObject(newFd);
        if (!fdObject(oldFd) || !target) return ERRNO_BADF;
        const newPath = readString(newPtr, newLength).replace(/\/+$/, '');
        if (newPath !== '' && target.path_lookup(newPath, 0).inode_obj) return ERRNO_EXIST;
        return original.path_link(oldFd, oldFlags, oldPtr, oldLength, newFd, newPtr, newLength);
      },
    ),
    path_rename: guarded((fd: number, oldPtr: number, oldLength: number, newFd: number, newPtr: number, newLength: number): number => {
      const source = fdObject(fd);
      const target = fdObject(newFd);
      if (!source || !target) return ERRNO_BADF;
      let oldPath = readString(oldPtr, oldLength);
      let newPath = readString(newPtr, newLength);
      const { ret, inode_obj: inode } = source.path_lookup(oldPath, 0);
      if (!inode) return ret;
      if (inode instanceof shim.Directory) {
        // A trailing slash names a directory, which this is.
        oldPath = oldPath.replace(/(.)\/+$/, '$1');
        newPath = newPath.replace(/(.)\/+$/, '$1');
        const destination = target.path_lookup(newPath.replace(/[^/]*$/, '') || '.', 0).inode_obj;
        if (destination && contains(shim, inode, destination)) return ERRNO_INVAL;
      } else if (newPath.endsWith('/')) {
        return ERRNO_NOTDIR;
      }
      const unlinked = source.path_unlink(oldPath);
      if (!unlinked.inode_obj) return unlinked.ret;
      const linked = target.path_link(newPath, unlinked.inode_obj, true);
      if (linked !== ERRNO_SUCCESS) source.path_link(oldPath, unlinked.inode_obj, true);
      return linked;
    }),

    poll_oneoff: guarded((inPtr: number, outPtr: number, count: number, neventsPtr: number): number =>
      pollOneoff({ view, check, readyBytes, clock }, inPtr, outPtr, count, neventsPtr),
    ),

    proc_raise: (): number => ERRNO_NOTSUP,
    sock_accept: notSocket,
    sock_recv: notSocket,
    sock_send: notSocket,
    sock_shutdown: notSocket,
  };
}

/** Whether `node` is `directory` or lies somewhere below it. */
function contains(shim: Shim, directory: Inode, node: Inode): boolean {
  if (directory === node) return true;
  if (!(directory instanceof shim.Directory)) return false;
  for (const child of directory.contents.values()) {
    if (contains(shim, child, node)) return true;
  }
  return false;
}

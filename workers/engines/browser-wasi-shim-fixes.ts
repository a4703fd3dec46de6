import type * as ShimModule from '@bjorn3/browser_wasi_shim';
import { guarded, ShimSession, WasiFunctions } from './browser-wasi-shim-state';
import {
  ERRNO_BADF,
  ERRNO_INVAL,
  ERRNO_NOTCAPABLE,
  ERRNO_NOTSOCK,
  ERRNO_NOTSUP,
  ERRNO_SUCCESS,
  FDFLAGS_ALL,
  FDFLAGS_APPEND,
  RIGHT_FD_ALLOCATE,
  RIGHT_FD_FILESTAT_SET_SIZE,
  RIGHT_FD_READ,
  RIGHT_FD_WRITE,
} from './wasi-abi';

/** The largest `advice` of fd_advise (NOREUSE). */
const ADVICE_MAX = 5;

export type { WasiFunctions } from './browser-wasi-shim-state';

/**
 * Replacements for fd functions that @bjorn3/browser_wasi_shim 0.4 gets wrong or leaves out,
 * layered over one session's `wasiImport` (the path functions are in browser-wasi-shim-paths.ts).
 * Each fixes a difference from WASI preview 1 as other runtimes (wasmtime, node:wasi) behave,
 * found with the official WASI test suite:
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
 * - `fd_write` / `fd_pwrite` cut an iovec that runs past the end of memory short, silently; here
 *   that is EFAULT; `fd_pwrite` on an APPEND fd writes at the end and leaves the offset, as Linux
 *   (and so wasmtime and node:wasi there) does;
 * - `fd_filestat_set_size` and `fd_allocate` ignore rights (a file opened read-only could be
 *   truncated); `fd_advise` takes any advice;
 * - `args_sizes_get` counts UTF-16 code units where `args_get` writes UTF-8 bytes;
 * - `proc_raise` and `sock_*` throw strings (the run would end as an internal error);
 * - `fd_readdir` lists `..` with inode 0 for the root and for every directory the guest made;
 *   wasi-libc takes 0 for "not known" and stats `..`, which the sandbox refuses, so its
 *   `scandir` failed (yosys's `synth` asserted on it); here `..` has its directory's parent's
 *   inode, and the root's `..` is the root, as `/..` is on POSIX.
 */
export function shimFixes(session: ShimSession): WasiFunctions {
  return { ...argsFixes(session), ...readWriteFixes(session), ...fdstatFixes(session), ...filestatFixes(session), ...readdirFixes(session), ...unsupported(session) };
}

/** The shim lists `.` at cookie 0 and `..` at cookie 1. */
const DOTDOT_COOKIE = 1n;

/** Every directory fd listed gets its `..` entry's inode from the tree (see shimFixes). */
function readdirFixes(session: ShimSession): WasiFunctions {
  const listed = new WeakSet<ShimModule.OpenDirectory>();
  return {
    fd_readdir: guarded((fd: number, ...rest: number[]): number => {
      const object = session.fdObject(fd);
      if (object instanceof session.shim.OpenDirectory && !listed.has(object)) {
        listed.add(object);
        const single = object.fd_readdir_single.bind(object);
        object.fd_readdir_single = (cookie: bigint) => {
          const entry = single(cookie);
          if (cookie === DOTDOT_COOKIE && entry.dirent) entry.dirent.d_ino = parentOf(session, object.dir)?.ino ?? object.dir.ino;
          return entry;
        };
      }
      return session.original.fd_readdir(fd, ...rest);
    }),
  };
}

/** The directory holding `directory` in the guest's tree (from its preopened roots); none for a root, or one no longer in the tree. */
function parentOf(session: ShimSession, directory: ShimModule.Directory): ShimModule.Directory | undefined {
  const search = (from: ShimModule.Directory, seen: Set<object>): ShimModule.Directory | undefined => {
    if (seen.has(from)) return undefined;
    seen.add(from);
    for (const child of from.contents.values()) {
      if (child === directory) return from;
      if (child instanceof session.shim.Directory) {
        const found = search(child, seen);
        if (found) return found;
      }
    }
    return undefined;
  };
  const seen = new Set<object>();
  for (const fd of session.wasi.fds) {
    if (!(fd instanceof session.shim.PreopenDirectory)) continue;
    const found = search(fd.dir, seen);
    if (found) return found;
  }
  return undefined;
}

/** `args_sizes_get` counts in UTF-8 bytes, as `args_get` writes them. */
function argsFixes(session: ShimSession): WasiFunctions {
  const { wasi } = session;
  return {
    args_sizes_get: guarded((argcPtr: number, bufSizePtr: number): number => {
      session.check(argcPtr, 4);
      session.check(bufSizePtr, 4);
      const size = wasi.args.reduce((sum, arg) => sum + Buffer.byteLength(arg, 'utf8') + 1, 0);
      session.view().setUint32(argcPtr, wasi.args.length, true);
      session.view().setUint32(bufSizePtr, size, true);
      return ERRNO_SUCCESS;
    }),
  };
}

/** The shim's function `name`, refused (EBADF) on an fd without the right `needed`; `afterwards` on success. */
function requireRight(session: ShimSession, name: string, needed: bigint, afterwards?: (fd: ShimFd) => void) {
  return guarded((fd: number, ...rest: number[]): number => {
    const object = session.fdObject(fd);
    if (object && (session.stateOf(object).base & needed) === 0n) return ERRNO_BADF;
    const result = session.original[name](fd, ...rest);
    if (object && result === ERRNO_SUCCESS) afterwards?.(object);
    return result;
  });
}

/** The shim's fd_write copies each iovec before the file copies it again; a file takes a view. */
function writeInPlace(session: ShimSession, file: ShimModule.OpenFile, iovs: number, count: number, nwrittenPtr: number): number {
  session.check(nwrittenPtr, 4);
  const view = session.view();
  let written = 0;
  for (let i = 0; i < count; i++) {
    const bytes = new Uint8Array(view.buffer, view.getUint32(iovs + i * 8, true), view.getUint32(iovs + i * 8 + 4, true));
    const { ret, nwritten } = file.fd_write(bytes);
    if (ret !== ERRNO_SUCCESS) return ret;
    written += nwritten;
  }
  view.setUint32(nwrittenPtr, written, true);
  return ERRNO_SUCCESS;
}

/** fd_write on `fd`: its rights, APPEND (every write at the end), an iovec past memory is EFAULT. */
function fdWrite(session: ShimSession) {
  const { shim, original } = session;
  return guarded((fd: number, iovs: number, iovsLength: number, nwrittenPtr: number): number => {
    const object = session.fdObject(fd);
    session.checkIovecs(iovs >>> 0, iovsLength >>> 0);
    if (object) {
      const state = session.stateOf(object);
      if ((state.base & RIGHT_FD_WRITE) === 0n) return ERRNO_BADF;
      if (state.flags & FDFLAGS_APPEND && object instanceof shim.OpenFile) object.file_pos = object.file.size;
    }
    const result = object instanceof shim.OpenFile ? writeInPlace(session, object, iovs >>> 0, iovsLength >>> 0, nwrittenPtr >>> 0) : original.fd_write(fd, iovs, iovsLength, nwrittenPtr);
    if (object && result === ERRNO_SUCCESS) session.touch(session.nodeOf(object));
    return result;
  });
}

/** Reads and writes held to the fd's rights; a write or truncation dates the file. */
function readWriteFixes(session: ShimSession): WasiFunctions {
  const dated = (fd: ShimFd) => session.touch(session.nodeOf(fd));
  const pwrite = requireRight(session, 'fd_pwrite', RIGHT_FD_WRITE, dated);
  const setSize = requireRight(session, 'fd_filestat_set_size', RIGHT_FD_FILESTAT_SET_SIZE, dated);
  const allocate = requireRight(session, 'fd_allocate', RIGHT_FD_ALLOCATE);
  const write = fdWrite(session);
  return {
    fd_read: requireRight(session, 'fd_read', RIGHT_FD_READ),
    fd_pread: requireRight(session, 'fd_pread', RIGHT_FD_READ),
    fd_pwrite: guarded((fd: number, iovs: number, iovsLength: number, offset: number, nwrittenPtr: number): number => {
      session.checkIovecs(iovs >>> 0, iovsLength >>> 0);
      const object = session.fdObject(fd);
      if (!(object instanceof session.shim.OpenFile) || (session.stateOf(object).flags & FDFLAGS_APPEND) === 0) return pwrite(fd, iovs, iovsLength, offset, nwrittenPtr);
      // An APPEND fd writes at the end whatever the offset asked, and its own offset stays.
      const position = object.file_pos;
      try {
        return write(fd, iovs, iovsLength, nwrittenPtr);
      } finally {
        object.file_pos = position;
      }
    }),
    fd_write: write,
    fd_filestat_set_size: setSize,
    fd_allocate: allocate,
    fd_advise: guarded((fd: number, offset: number, length: number, advice: number): number => {
      if (!session.fdObject(fd)) return ERRNO_BADF;
      return advice >>> 0 > ADVICE_MAX ? ERRNO_INVAL : session.original.fd_advise(fd, offset, length, advice);
    }),
  };
}

/** Each fd's flags and rights, kept here, reported and narrowed. */
function fdstatFixes(session: ShimSession): WasiFunctions {
  return {
    fd_fdstat_get: guarded((fd: number, ptr: number): number => {
      const object = session.fdObject(fd);
      if (!object) return ERRNO_BADF;
      session.check(ptr, 24);
      const result = session.original.fd_fdstat_get(fd, ptr);
      if (result !== ERRNO_SUCCESS) return result;
      const state = session.stateOf(object);
      const out = session.view();
      out.setUint16(ptr + 2, state.flags, true);
      out.setBigUint64(ptr + 8, state.base, true);
      out.setBigUint64(ptr + 16, state.inheriting, true);
      return ERRNO_SUCCESS;
    }),
    fd_fdstat_set_flags: (fd: number, flags: number): number => {
      const object = session.fdObject(fd);
      if (!object) return ERRNO_BADF;
      if (flags & ~FDFLAGS_ALL) return ERRNO_INVAL;
      session.stateOf(object).flags = flags;
      return ERRNO_SUCCESS;
    },
    fd_fdstat_set_rights: (fd: number, base: bigint, inheriting: bigint): number => {
      const object = session.fdObject(fd);
      if (!object) return ERRNO_BADF;
      const state = session.stateOf(object);
      if ((base & ~state.base) !== 0n || (inheriting & ~state.inheriting) !== 0n) return ERRNO_NOTCAPABLE;
      state.base = base;
      state.inheriting = inheriting;
      return ERRNO_SUCCESS;
    },
  };
}

/** File stats at the right offsets, with the run's times. */
function filestatFixes(session: ShimSession): WasiFunctions {
  return {
    fd_filestat_get: guarded((fd: number, ptr: number): number => {
      const object = session.fdObject(fd);
      if (!object) return ERRNO_BADF;
      const { ret, filestat } = object.fd_filestat_get();
      if (filestat) session.writeFilestat(ptr, filestat, session.nodeOf(object));
      return ret;
    }),
    fd_filestat_set_times: (fd: number, atim: bigint, mtim: bigint, fstflags: number): number => {
      const object = session.fdObject(fd);
      return object ? session.setTimes(session.nodeOf(object), atim, mtim, fstflags) : ERRNO_BADF;
    },
  };
}

/** What the sandbox does not offer answers an errno instead of the shim's thrown string. */
function unsupported(session: ShimSession): WasiFunctions {
  const notSocket = (fd: number): number => (session.fdObject(fd) ? ERRNO_NOTSOCK : ERRNO_BADF);
  return {
    proc_raise: (): number => ERRNO_NOTSUP,
    sock_accept: notSocket,
    sock_recv: notSocket,
    sock_send: notSocket,
    sock_shutdown: notSocket,
  };
}

type ShimFd = NonNullable<ReturnType<ShimSession['fdObject']>>;

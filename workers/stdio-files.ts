import {
  ALL_RIGHTS,
  bits,
  ERRNO_BADF,
  ERRNO_INVAL,
  ERRNO_NOTCAPABLE,
  ERRNO_NOTSOCK,
  ERRNO_SUCCESS,
  FDFLAGS_ALL,
  FILETYPE_SOCKET_STREAM,
  RIGHT_FD_FDSTAT_SET_FLAGS,
  RIGHT_FD_FILESTAT_GET,
  RIGHT_FD_READ,
  RIGHT_FD_WRITE,
  RIGHT_POLL_FD_READWRITE,
  RIGHT_SOCK_ACCEPT,
  RIGHT_SOCK_SHUTDOWN,
} from './engines/wasi-abi';
import { GuestMemoryView } from './guest-memory-view';
import { OutputSink } from './output-sink';

/**
 * The rights node:wasi gives stdio that is a pipe or a socket (what `spawn` with piped stdio and a
 * shell pipe both give it): read, write, set flags, stat, poll, and the two socket rights; every
 * right may be inherited. No seek or tell, so wasi-libc's isatty() is false.
 */
export const PIPE_RIGHTS = bits([1, 3, 6, 21, 27, 28, 29]);

/** The right each function needs on a pipe; any other function that takes an fd does not apply to one. */
const NEEDED: Readonly<Record<string, bigint>> = {
  fd_read: RIGHT_FD_READ,
  fd_write: RIGHT_FD_WRITE,
  fd_fdstat_set_flags: RIGHT_FD_FDSTAT_SET_FLAGS,
  fd_filestat_get: RIGHT_FD_FILESTAT_GET,
  sock_recv: RIGHT_FD_READ,
  sock_send: RIGHT_FD_WRITE,
  sock_shutdown: RIGHT_SOCK_SHUTDOWN,
  sock_accept: RIGHT_SOCK_ACCEPT,
};

/** One end of a stdio pipe: where reads come from and writes go. */
interface Stream {
  /** Copies what is ready into `into`; returns how many bytes it copied (0 at the end). */
  read(into: Uint8Array): number;
  write(bytes: Uint8Array): void;
  /** Whether writes are taken: a pipe's read end refuses them (EBADF). */
  readonly writable: boolean;
  /** Bytes ready to read now, for poll_oneoff. */
  readonly ready: bigint;
}

/** The request's stdin, read in place: a pipe the service has written everything into and closed. */
class InputStream implements Stream {
  private position = 0;

  constructor(private readonly data: Uint8Array) {}

  read(into: Uint8Array): number {
    const chunk = this.data.subarray(this.position, this.position + into.length);
    into.set(chunk);
    this.position += chunk.length;
    return chunk.length;
  }

  /** The read end of a pipe: write(2) on it is EBADF. */
  readonly writable = false;

  write(): void {}

  get ready(): bigint {
    return BigInt(this.data.length - this.position);
  }
}

/** stdout or stderr: captured (and counted against the output cap) by the run's output sink. */
class OutputStream implements Stream {
  constructor(
    private readonly sink: OutputSink,
    private readonly fd: 1 | 2,
  ) {}

  /** The service never writes into the guest's stdout: a read finds nothing, as at the end of a pipe. */
  read(): number {
    return 0;
  }

  readonly writable = true;

  write(bytes: Uint8Array): void {
    this.sink.write(this.fd, bytes);
  }

  readonly ready = 0n;
}

/**
 * stdin, stdout or stderr as the guest sees it: an open file that behaves as a pipe does under
 * node:wasi (filetype SOCKET_STREAM, PIPE_RIGHTS, no seeking), whatever fd number holds it —
 * `fd_renumber` moves the file itself (see GuestFdTable). Functions return a WASI errno and throw
 * Fault for a pointer outside the guest's memory.
 */
export class StdioFile {
  private base = PIPE_RIGHTS;
  private inheriting = ALL_RIGHTS;
  private flags = 0;

  constructor(
    private readonly stream: Stream,
    private readonly memory: GuestMemoryView,
  ) {}

  get ready(): bigint {
    return this.stream.ready;
  }

  /** Without POLL_FD_READWRITE, node:wasi refuses a whole poll_oneoff that names this fd. */
  get pollable(): boolean {
    return (this.base & RIGHT_POLL_FD_READWRITE) !== 0n;
  }

  fd_write(iovs: number, count: number, resultPtr: number): number {
    if ((this.base & RIGHT_FD_WRITE) === 0n) return ERRNO_NOTCAPABLE;
    if (!this.stream.writable) return ERRNO_BADF;
    return this.transfer(iovs, count, resultPtr, (bytes) => {
      this.stream.write(bytes);
      return bytes.length;
    });
  }

  fd_read(iovs: number, count: number, resultPtr: number): number {
    if ((this.base & RIGHT_FD_READ) === 0n) return ERRNO_NOTCAPABLE;
    return this.transfer(iovs, count, resultPtr, (bytes) => this.stream.read(bytes));
  }

  /** Any other function that takes an fd, with the fd's argument left out of `args`. */
  call(name: string, args: readonly unknown[]): number {
    // node:wasi's answers for an fd that is open but not a preopened directory.
    if (name === 'fd_prestat_get') return ERRNO_INVAL;
    if (name === 'fd_prestat_dir_name') return ERRNO_BADF;
    if (name === 'fd_fdstat_get') return this.fdstat(args[0] as number);
    if (name === 'fd_fdstat_set_rights') return this.setRights(args[0] as bigint, args[1] as bigint);
    const needed = NEEDED[name];
    if (needed === undefined || (this.base & needed) === 0n) return ERRNO_NOTCAPABLE;
    switch (name) {
      case 'fd_fdstat_set_flags':
        return this.setFlags(args[0] as number);
      case 'fd_filestat_get':
        return this.filestat(args[0] as number);
      default:
        return ERRNO_NOTSOCK;
    }
  }

  /** Moves bytes between the guest's iovecs and the stream, stopping at the first short transfer. */
  private transfer(iovs: number, count: number, resultPtr: number, move: (bytes: Uint8Array) => number): number {
    const at = iovs >>> 0;
    const total = count >>> 0;
    const result = resultPtr >>> 0;
    this.memory.check(at, total * 8);
    this.memory.check(result, 4);
    const view = this.memory.view();
    let moved = 0;
    for (let i = 0; i < total; i++) {
      const length = view.getUint32(at + i * 8 + 4, true);
      const done = move(this.memory.bytes(view.getUint32(at + i * 8, true), length));
      moved += done;
      if (done < length) break;
    }
    this.memory.view().setUint32(result, moved, true);
    return ERRNO_SUCCESS;
  }

  private fdstat(ptr: number): number {
    const at = ptr >>> 0;
    this.memory.check(at, 24);
    const view = this.memory.view();
    view.setUint8(at, FILETYPE_SOCKET_STREAM);
    view.setUint8(at + 1, 0);
    view.setUint16(at + 2, this.flags, true);
    view.setUint32(at + 4, 0, true);
    view.setBigUint64(at + 8, this.base, true);
    view.setBigUint64(at + 16, this.inheriting, true);
    return ERRNO_SUCCESS;
  }

  /** A pipe's stat: no size, no times, one link (what node:wasi gives for a socket, but its device numbers). */
  private filestat(ptr: number): number {
    const at = ptr >>> 0;
    this.memory.bytes(at, 64).fill(0);
    const view = this.memory.view();
    view.setUint8(at + 16, FILETYPE_SOCKET_STREAM);
    view.setBigUint64(at + 24, 1n, true);
    return ERRNO_SUCCESS;
  }

  private setFlags(flags: number): number {
    if (flags & ~FDFLAGS_ALL) return ERRNO_INVAL;
    this.flags = flags;
    return ERRNO_SUCCESS;
  }

  private setRights(base: bigint, inheriting: bigint): number {
    const wantedBase = BigInt.asUintN(64, base);
    const wantedInheriting = BigInt.asUintN(64, inheriting);
    if ((wantedBase & ~this.base) !== 0n || (wantedInheriting & ~this.inheriting) !== 0n) return ERRNO_NOTCAPABLE;
    this.base = wantedBase;
    this.inheriting = wantedInheriting;
    return ERRNO_SUCCESS;
  }
}

/** fds 0, 1 and 2 of a run: the request's stdin, and stdout and stderr into the output sink. */
export function standardFiles(stdin: Uint8Array, sink: OutputSink, memory: GuestMemoryView): StdioFile[] {
  return [
    new StdioFile(new InputStream(stdin), memory),
    new StdioFile(new OutputStream(sink, 1), memory),
    new StdioFile(new OutputStream(sink, 2), memory),
  ];
}

/** WASI preview 1 numbers and host helpers used by the shim fixes. */

export const ERRNO_SUCCESS = 0;
export const ERRNO_BADF = 8;
export const ERRNO_EXIST = 20;
export const ERRNO_FAULT = 21;
export const ERRNO_INVAL = 28;
export const ERRNO_ISDIR = 31;
export const ERRNO_NAMETOOLONG = 37;
export const ERRNO_NOTDIR = 54;
export const ERRNO_NOTSOCK = 57;
export const ERRNO_NOTSUP = 58;
export const ERRNO_NOTCAPABLE = 76;

export const right = (bit: number): bigint => 1n << BigInt(bit);
export const RIGHT_FD_READ = right(1);
export const RIGHT_FD_WRITE = right(6);
export const RIGHT_PATH_OPEN = right(13);
export const RIGHT_PATH_CREATE_FILE = right(10);
export const RIGHT_PATH_FILESTAT_SET_SIZE = right(19);
export const RIGHT_FD_FILESTAT_GET = right(21);
export const RIGHT_FD_FDSTAT_SET_FLAGS = right(3);
export const RIGHT_POLL_FD_READWRITE = right(27);
export const bits = (list: number[]): bigint => list.reduce((sum, bit) => sum | right(bit), 0n);
/** fd_datasync … fd_allocate, fd_filestat_get/set_size/set_times, poll_fd_readwrite. */
export const FILE_RIGHTS = bits([0, 1, 2, 3, 4, 5, 6, 7, 8, 21, 22, 23, 27]);
/** fd_fdstat_set_flags, fd_sync, every path_* right, fd_readdir, fd_filestat_get/set_times, poll. */
export const DIRECTORY_RIGHTS = bits([3, 4, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27]);
export const STDIN_RIGHTS = RIGHT_FD_READ | RIGHT_FD_FDSTAT_SET_FLAGS | RIGHT_FD_FILESTAT_GET | RIGHT_POLL_FD_READWRITE;
export const STDOUT_RIGHTS = RIGHT_FD_WRITE | RIGHT_FD_FDSTAT_SET_FLAGS | RIGHT_FD_FILESTAT_GET | RIGHT_POLL_FD_READWRITE;

export const OFLAGS_CREAT = 1;
export const OFLAGS_EXCL = 4;
export const OFLAGS_TRUNC = 8;
export const FDFLAGS_APPEND = 1;
export const FDFLAGS_ALL = 0x1f;
export const FSTFLAGS_ATIM = 1;
export const FSTFLAGS_ATIM_NOW = 2;
export const FSTFLAGS_MTIM = 4;
export const FSTFLAGS_MTIM_NOW = 8;
export const EVENTTYPE_CLOCK = 0;
export const EVENTTYPE_FD_READ = 1;
export const EVENTTYPE_FD_WRITE = 2;
export const CLOCKID_REALTIME = 0;
export const CLOCKID_MONOTONIC = 1;
export const SUBCLOCKFLAGS_ABSTIME = 1;
export const SUBSCRIPTION_BYTES = 48;
export const EVENT_BYTES = 32;

/** Thrown inside a replacement when the guest passed a pointer outside its memory. */
export class Fault extends Error {}

export function realtimeNs(): bigint {
  return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));
}

export function monotonicNs(): bigint {
  return BigInt(Math.round(performance.now() * 1e6));
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread without spinning; the pool still terminates a worker that sleeps too long. */
export function sleepNs(ns: bigint): void {
  if (ns > 0n) Atomics.wait(sleeper, 0, 0, Number(ns) / 1e6);
}


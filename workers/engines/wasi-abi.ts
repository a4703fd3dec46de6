/** WASI preview 1 numbers and host helpers used by the shim fixes. */

export const ERRNO_SUCCESS = 0;
export const ERRNO_BADF = 8;
export const ERRNO_EXIST = 20;
export const ERRNO_FAULT = 21;
export const ERRNO_INVAL = 28;
export const ERRNO_ISDIR = 31;
export const ERRNO_LOOP = 32;
export const ERRNO_NAMETOOLONG = 37;
export const ERRNO_NOENT = 44;
export const ERRNO_NOTDIR = 54;
export const ERRNO_NOTSOCK = 57;
export const ERRNO_NOTSUP = 58;
export const ERRNO_PERM = 63;
export const ERRNO_NOTCAPABLE = 76;

export const FILETYPE_DIRECTORY = 3;
export const FILETYPE_REGULAR_FILE = 4;
export const FILETYPE_SOCKET_STREAM = 6;
export const FILETYPE_SYMBOLIC_LINK = 7;
export const LOOKUPFLAGS_SYMLINK_FOLLOW = 1;

export const right = (bit: number): bigint => 1n << BigInt(bit);
export const RIGHT_FD_READ = right(1);
export const RIGHT_FD_WRITE = right(6);
export const RIGHT_FD_ALLOCATE = right(8);
export const RIGHT_FD_FILESTAT_SET_SIZE = right(22);
export const RIGHT_PATH_OPEN = right(13);
export const RIGHT_PATH_CREATE_FILE = right(10);
export const RIGHT_PATH_FILESTAT_SET_SIZE = right(19);
export const RIGHT_FD_FILESTAT_GET = right(21);
export const RIGHT_FD_FDSTAT_SET_FLAGS = right(3);
export const RIGHT_POLL_FD_READWRITE = right(27);
export const RIGHT_SOCK_SHUTDOWN = right(28);
export const RIGHT_SOCK_ACCEPT = right(29);
/** Every right WASI preview 1 defines (bits 0 to 29). */
export const ALL_RIGHTS = right(30) - 1n;
export const bits = (list: number[]): bigint => list.reduce((sum, bit) => sum | right(bit), 0n);
/** fd_datasync … fd_allocate, fd_filestat_get/set_size/set_times, poll_fd_readwrite. */
export const FILE_RIGHTS = bits([0, 1, 2, 3, 4, 5, 6, 7, 8, 21, 22, 23, 27]);
/** fd_fdstat_set_flags, fd_sync, every path_* right, fd_readdir, fd_filestat_get/set_times, poll. */
export const DIRECTORY_RIGHTS = bits([3, 4, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27]);

export const OFLAGS_CREAT = 1;
export const OFLAGS_DIRECTORY = 2;
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

/** Which parameters of each WASI preview 1 function are fds. */
export const FD_PARAMS: Readonly<Record<string, readonly number[]>> = {
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
export const FD_RESULTS: Readonly<Record<string, number>> = { path_open: 8, sock_accept: 2 };

/** Thrown inside a replacement when the guest passed a pointer outside its memory. */
export class Fault extends Error {}

export const CLOCKID_PROCESS_CPUTIME_ID = 2;
export const CLOCKID_THREAD_CPUTIME_ID = 3;

/** The host's monotonic clock, in ns (uv_hrtime, which node:wasi answers CLOCK_MONOTONIC with). */
export function monotonicNs(): bigint {
  return process.hrtime.bigint();
}

/**
 * The wall-clock time at one monotonic instant: taken again as each run on the host's clock
 * starts (rebaseRealtime), so that a thread that lives for weeks does not drift from the wall
 * clock as its monotonic clock and NTP's corrections part.
 */
let realtimeBaseHr = monotonicNs();
let realtimeBaseNs = BigInt(Date.now()) * 1_000_000n;

export function rebaseRealtime(): void {
  realtimeBaseHr = monotonicNs();
  realtimeBaseNs = BigInt(Date.now()) * 1_000_000n;
}

/**
 * The host's realtime, in ns: the run's base moved on by hrtime, so it has nanosecond steps
 * and never runs backwards within a run. The one realtime source of a run on the
 * host clock: clock_time_get, poll_oneoff's absolute timeouts and file times all read it, so a
 * file is never newer than a later reading of CLOCK_REALTIME.
 */
export function realtimeNs(): bigint {
  return realtimeBaseNs + (monotonicNs() - realtimeBaseHr);
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread without spinning; the pool still terminates a worker that sleeps too long. */
export function sleepNs(ns: bigint): void {
  if (ns > 0n) Atomics.wait(sleeper, 0, 0, Number(ns) / 1e6);
}


/** The functions of WASI preview 1: all the sandbox provides to a guest. */
export const WASI_NAMESPACES = new Set(['wasi_snapshot_preview1', 'wasi_unstable']);

/** A wasm value type as the validator names it: `i32`, `i64`, `f32`, `f64`, `v128`, `funcref`... */
export type WasmValueType = string;

/** A function's type at the wasm level: what its parameters and results lower to. */
export interface WasiSignature {
  readonly params: readonly WasmValueType[];
  readonly results: readonly WasmValueType[];
}

const I32 = 'i32';
const I64 = 'i64';
const errno = (...params: WasmValueType[]): WasiSignature => ({ params, results: [I32] });

/**
 * Each function of WASI preview 1 (`wasi_snapshot_preview1.witx`) as its witx lowers to wasm: a
 * u64 (timestamp, filesize, rights, dircookie, filedelta) is an i64, every other integer, handle,
 * flag set, enum and pointer (a string or list is a pointer and a length) an i32, and the errno
 * the one result. A guest importing one with another type would make the host convert its
 * arguments wrongly (a BigInt where a number is expected), so the validator refuses it.
 */
export const WASI_PREVIEW1_SIGNATURES: Readonly<Record<string, WasiSignature>> = {
  args_get: errno(I32, I32),
  args_sizes_get: errno(I32, I32),
  environ_get: errno(I32, I32),
  environ_sizes_get: errno(I32, I32),
  clock_res_get: errno(I32, I32),
  clock_time_get: errno(I32, I64, I32),
  fd_advise: errno(I32, I64, I64, I32),
  fd_allocate: errno(I32, I64, I64),
  fd_close: errno(I32),
  fd_datasync: errno(I32),
  fd_fdstat_get: errno(I32, I32),
  fd_fdstat_set_flags: errno(I32, I32),
  fd_fdstat_set_rights: errno(I32, I64, I64),
  fd_filestat_get: errno(I32, I32),
  fd_filestat_set_size: errno(I32, I64),
  fd_filestat_set_times: errno(I32, I64, I64, I32),
  fd_pread: errno(I32, I32, I32, I64, I32),
  fd_prestat_get: errno(I32, I32),
  fd_prestat_dir_name: errno(I32, I32, I32),
  fd_pwrite: errno(I32, I32, I32, I64, I32),
  fd_read: errno(I32, I32, I32, I32),
  fd_readdir: errno(I32, I32, I32, I64, I32),
  fd_renumber: errno(I32, I32),
  fd_seek: errno(I32, I64, I32, I32),
  fd_sync: errno(I32),
  fd_tell: errno(I32, I32),
  fd_write: errno(I32, I32, I32, I32),
  path_create_directory: errno(I32, I32, I32),
  path_filestat_get: errno(I32, I32, I32, I32, I32),
  path_filestat_set_times: errno(I32, I32, I32, I32, I64, I64, I32),
  path_link: errno(I32, I32, I32, I32, I32, I32, I32),
  path_open: errno(I32, I32, I32, I32, I32, I64, I64, I32, I32),
  path_readlink: errno(I32, I32, I32, I32, I32, I32),
  path_remove_directory: errno(I32, I32, I32),
  path_rename: errno(I32, I32, I32, I32, I32, I32),
  path_symlink: errno(I32, I32, I32, I32, I32),
  path_unlink_file: errno(I32, I32, I32),
  poll_oneoff: errno(I32, I32, I32, I32),
  proc_exit: { params: [I32], results: [] },
  proc_raise: errno(I32),
  sched_yield: errno(),
  random_get: errno(I32, I32),
  sock_accept: errno(I32, I32, I32),
  sock_recv: errno(I32, I32, I32, I32, I32, I32),
  sock_send: errno(I32, I32, I32, I32, I32),
  sock_shutdown: errno(I32, I32),
};

/**
 * The signatures each namespace is checked against. `wasi_unstable` (snapshot 0) differs from
 * preview 1 only in what does not reach the wasm types: narrower integers that still lower to i32
 * (`fd_seek`'s whence is a u8, `fst_flags` and `oflags` are u16), other enum values and other
 * struct layouts in memory (filestat, event, subscription). It has no `sock_accept` (added to
 * preview 1 later), which the sandbox offers under both names like every other function.
 */
export const WASI_SIGNATURES: Readonly<Record<string, Readonly<Record<string, WasiSignature>>>> = {
  wasi_snapshot_preview1: WASI_PREVIEW1_SIGNATURES,
  wasi_unstable: WASI_PREVIEW1_SIGNATURES,
};

/** How a refusal names the definition a namespace's functions are checked against. */
export const WASI_NAMESPACE_LABELS: Readonly<Record<string, string>> = {
  wasi_snapshot_preview1: 'WASI preview 1',
  wasi_unstable: 'WASI snapshot 0 (wasi_unstable)',
};

export const WASI_FUNCTIONS = new Set(Object.keys(WASI_PREVIEW1_SIGNATURES));

/** The signature `namespace.name` must be imported with, or undefined when WASI has no such function. */
export function wasiSignature(namespace: string, name: string): WasiSignature | undefined {
  const functions = WASI_SIGNATURES[namespace];
  return functions && Object.hasOwn(functions, name) ? functions[name] : undefined;
}

/** `(i32, i64) -> i32`; no results is `()`, several are parenthesised. */
export function formatSignature(signature: WasiSignature): string {
  const { params, results } = signature;
  const result = results.length === 1 ? results[0] : `(${results.join(', ')})`;
  return `(${params.join(', ')}) -> ${result}`;
}

export function sameSignature(a: WasiSignature, b: WasiSignature): boolean {
  const same = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((t, i) => t === y[i]);
  return same(a.params, b.params) && same(a.results, b.results);
}

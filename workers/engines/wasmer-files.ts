import type { WASI } from '@wasmer/wasi';
import { posix } from 'node:path';
import { FileBudget } from '../file-budget';
import type { GuestDirectory, GuestNode } from '../output-files';
import { ENTRY_BYTES } from './browser-wasi-shim-files';
import { ERRNO_SUCCESS, FDFLAGS_APPEND, OFLAGS_CREAT } from './wasi-abi';

type MemFs = WASI['fs'];
type Namespace = Record<string, WebAssembly.ImportValue>;
type Call = (...args: unknown[]) => number;
type Memory = () => WebAssembly.Memory | undefined;

/**
 * What a byte of a file costs on wasmer: its MemFS keeps a file in a Rust Vec, which grows by
 * doubling (the old buffer and the new one both live meanwhile), in wasmer's own wasm memory,
 * which grows by doubling too and which the process-wide V8 ceiling (--wasm-max-mem-pages) also
 * caps. That memory reaches about four times the file's size; counted at less, a file well under
 * the cap made wasmer itself run out of memory and panic (a trap) instead.
 */
const HELD_PER_BYTE = 4;

interface MemFsEntry {
  /** From the root: `/dist/a.js`. */
  path: string;
  metadata: { filetype: { dir: boolean; file: boolean } };
}

const entriesOf = (fs: MemFs, dir: string) => fs.readDir(dir) as MemFsEntry[];

/** What `read` gives of a file in wasmer's MemFS, which lives in wasmer's own memory: the JS handle must be freed. */
function withFile<T>(fs: MemFs, path: string, read: (file: ReturnType<MemFs['open']>) => T): T {
  const file = fs.open(path, { read: true });
  try {
    return read(file);
  } finally {
    file.free();
  }
}

/**
 * The guest's tree in wasmer's MemFS, which outlives the session's WASI state (and a trap of the
 * guest). Its MemFS has no links. A file is read into a buffer of its own (out of wasmer's memory).
 */
export function wasmerTree(fs: MemFs, dir = '/'): GuestDirectory {
  const node = ({ path, metadata: { filetype } }: MemFsEntry): GuestNode => {
    if (filetype.dir) return { kind: 'directory', directory: wasmerTree(fs, path) };
    if (!filetype.file) return { kind: 'other' };
    return { kind: 'file', file: { size: () => withFile(fs, path, (file) => Number(file.size())), read: () => withFile(fs, path, (file) => file.read()) } };
  };
  return { entries: () => entriesOf(fs, dir).map((entry): [string, GuestNode] => [posix.basename(entry.path), node(entry)]) };
}

/** The bytes the files under `dir` hold in wasmer's MemFS, each entry charged as on the shim. */
export function countFiles(fs: MemFs, dir = '/'): number {
  let bytes = 0;
  for (const entry of entriesOf(fs, dir)) {
    bytes += ENTRY_BYTES + Buffer.byteLength(entry.path);
    if (entry.metadata.filetype.dir) {
      bytes += countFiles(fs, entry.path);
    } else if (entry.metadata.filetype.file) {
      const file = fs.open(entry.path, { read: true });
      bytes += HELD_PER_BYTE * Number(file.size());
      file.free();
    }
  }
  return bytes;
}

/**
 * Counts the guest's files on @wasmer/wasi against the run's FileBudget. wasmer's MemFS lives in
 * wasmer's own wasm memory, out of the host's sight, so before each call that can make a file
 * grow, the growth is worked out from wasmer's own answers about the fd (its size, position and
 * APPEND flag: asked with wasmer's WASI functions into a few bytes of guest memory, which are put
 * back at once) and reserved. Each new entry is charged as on the other engine; a fresh count
 * walks the MemFS (a removed file that an fd still holds is not seen there).
 */
export function meterWasmerFiles(namespace: Namespace, imported: ReadonlySet<string>, memory: Memory, budget: FileBudget, fs: MemFs): void {
  const wasmer = (name: string) => namespace[name] as Call;
  const filestat = wasmer('fd_filestat_get');
  const tell = wasmer('fd_tell');
  const fdstat = wasmer('fd_fdstat_get');
  const count = () => countFiles(fs);

  /** Runs `ask` with the first `length` bytes of guest memory as its answer buffer, then restores them. */
  const asking = <T>(length: number, ask: (view: DataView) => T): T | null => {
    const buffer = memory()?.buffer;
    if (!buffer || buffer.byteLength < length) return null;
    const saved = new Uint8Array(buffer, 0, length).slice();
    try {
      return ask(new DataView(buffer));
    } finally {
      new Uint8Array(memory()!.buffer, 0, length).set(saved);
    }
  };
  const sizeOf = (fd: number) => asking(64, (view) => (filestat(fd, 0) === ERRNO_SUCCESS ? Number(view.getBigUint64(32, true)) : null));
  const positionOf = (fd: number) => asking(8, (view) => (tell(fd, 0) === ERRNO_SUCCESS ? Number(view.getBigUint64(0, true)) : null));
  const appends = (fd: number) => asking(24, (view) => fdstat(fd, 0) === ERRNO_SUCCESS && (view.getUint16(2, true) & FDFLAGS_APPEND) !== 0);
  const iovecBytes = (iovs: number, iovsLength: number): number => {
    const buffer = memory()?.buffer;
    const at = iovs >>> 0;
    if (!buffer || at + (iovsLength >>> 0) * 8 > buffer.byteLength) return 0; // wasmer answers FAULT
    const view = new DataView(buffer);
    let bytes = 0;
    for (let i = 0; i < iovsLength >>> 0; i++) bytes += view.getUint32(at + i * 8 + 4, true);
    return bytes;
  };
  /** Reserves what the file at `fd` grows (or shrinks) by when its size becomes `end(size)`. */
  const growTo = (fd: number, end: (size: number) => number): void => {
    const size = sizeOf(fd);
    if (size !== null) budget.reserve(HELD_PER_BYTE * (end(size) - size), count);
  };

  const growing: Record<string, (call: Call) => Call> = {
    fd_write: (call) => (fd, iovs, iovsLength, written) => {
      const bytes = iovecBytes(iovs as number, iovsLength as number);
      growTo(fd as number, (size) => {
        const start = appends(fd as number) ? size : (positionOf(fd as number) ?? size);
        return Math.max(size, start + bytes);
      });
      return call(fd, iovs, iovsLength, written);
    },
    fd_pwrite: (call) => (fd, iovs, iovsLength, offset, written) => {
      const bytes = iovecBytes(iovs as number, iovsLength as number);
      growTo(fd as number, (size) => Math.max(size, Number(offset as bigint) + bytes));
      return call(fd, iovs, iovsLength, offset, written);
    },
    fd_allocate: (call) => (fd, offset, length) => {
      growTo(fd as number, (size) => Math.max(size, Number((offset as bigint) + (length as bigint))));
      return call(fd, offset, length);
    },
    fd_filestat_set_size: (call) => (fd, size) => {
      growTo(fd as number, () => Number(size as bigint));
      return call(fd, size);
    },
    path_open: (call) => (...args) => {
      if ((args[4] as number) & OFLAGS_CREAT) budget.reserve(ENTRY_BYTES + (args[3] as number), count);
      return call(...args);
    },
    path_create_directory: (call) => (fd, path, pathLength) => {
      budget.reserve(ENTRY_BYTES + (pathLength as number), count);
      return call(fd, path, pathLength);
    },
    path_symlink: (call) => (target, targetLength, fd, path, pathLength) => {
      budget.reserve(ENTRY_BYTES + (pathLength as number) + (targetLength as number), count);
      return call(target, targetLength, fd, path, pathLength);
    },
    path_link: (call) => (...args) => {
      budget.reserve(ENTRY_BYTES + (args[6] as number), count);
      return call(...args);
    },
  };
  for (const name of imported) {
    if (growing[name]) namespace[name] = growing[name](wasmer(name));
  }
}

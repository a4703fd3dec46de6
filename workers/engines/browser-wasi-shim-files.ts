import type * as ShimModule from '@bjorn3/browser_wasi_shim';
import { FileBudget } from '../file-budget';
import type { GuestDirectory, GuestNode } from '../output-files';
import type { Shim } from './browser-wasi-shim-state';
import { ERRNO_BADF, ERRNO_INVAL, ERRNO_PERM, ERRNO_SUCCESS, FDFLAGS_APPEND, OFLAGS_TRUNC, RIGHT_FD_WRITE } from './wasi-abi';

type Directory = ShimModule.Directory;

/**
 * What a directory entry costs beside its bytes, charged to the budget too: without it a guest
 * could fill the worker's heap with empty files and directories.
 */
export const ENTRY_BYTES = 256;

/** A file's bytes: a buffer with room to grow (so appending costs amortised O(1), not a copy of the file per write). */
export interface GuestFile extends ShimModule.File {
  /** Bytes held, the room to grow included: what the budget counts. */
  readonly capacity: number;
  setLength(length: number): void;
  writeAt(offset: number, bytes: Uint8Array): void;
}

interface FileClasses {
  file: new (data: Uint8Array, files: ShimFiles) => GuestFile;
}

const classes = new WeakMap<Shim, FileClasses>();

/** No fd: the shim's typings say a File always opens, though its own code answers null on a refusal too. */
const REFUSED = null as unknown as ShimModule.OpenFile;

/** The shim's File and OpenFile with their bytes counted (see GuestFile), made once per loaded shim. */
function fileClasses(shim: Shim): FileClasses {
  const cached = classes.get(shim);
  if (cached) return cached;
  const made: FileClasses = { file: countedFileClass(shim, countedOpenFileClass(shim)) as unknown as FileClasses['file'] };
  classes.set(shim, made);
  return made;
}

/** What the counted OpenFile needs of its file. */
interface CountedBytes {
  writeAt(offset: number, bytes: Uint8Array): void;
  setLength(length: number): void;
}

/** The shim's OpenFile, writing through its counted file. */
function countedOpenFileClass(shim: Shim) {
  class CountedOpenFile extends shim.OpenFile {
    private get counted(): CountedBytes {
      return this.file as unknown as CountedBytes;
    }

    fd_write(data: Uint8Array): { ret: number; nwritten: number } {
      if (this.file.readonly) return { ret: ERRNO_BADF, nwritten: 0 };
      this.counted.writeAt(Number(this.file_pos), data);
      this.file_pos += BigInt(data.length);
      return { ret: ERRNO_SUCCESS, nwritten: data.length };
    }

    fd_pwrite(data: Uint8Array, offset: bigint): { ret: number; nwritten: number } {
      if (this.file.readonly) return { ret: ERRNO_BADF, nwritten: 0 };
      if (offset < 0n) return { ret: ERRNO_INVAL, nwritten: 0 };
      this.counted.writeAt(Number(offset), data);
      return { ret: ERRNO_SUCCESS, nwritten: data.length };
    }

    fd_allocate(offset: bigint, length: bigint): number {
      const end = Number(offset + length);
      if (end > this.file.data.length) this.counted.setLength(end);
      return ERRNO_SUCCESS;
    }

    fd_filestat_set_size(size: bigint): number {
      if (size < 0n) return ERRNO_INVAL;
      this.counted.setLength(Number(size));
      return ERRNO_SUCCESS;
    }
  }

  return CountedOpenFile;
}

/** The shim's File, its bytes reserved in the run's file budget. */
function countedFileClass(shim: Shim, CountedOpenFile: ReturnType<typeof countedOpenFileClass>) {
  class CountedFile extends shim.File implements GuestFile {
    // Set after the shim's constructor, which assigns `data` (see the accessor below) before them.
    bytes!: Uint8Array;
    length!: number;
    files!: ShimFiles;

    constructor(data: Uint8Array, files: ShimFiles) {
      super(new ArrayBuffer(0));
      this.bytes = new Uint8Array(data);
      this.length = data.length;
      this.files = files;
    }

    get capacity(): number {
      return this.bytes.length;
    }

    /** As the shim's File.path_open, with the counted OpenFile. */
    path_open(oflags: number, rightsBase: bigint, fdFlags: number): { ret: number; fd_obj: ShimModule.OpenFile } {
      if (this.readonly && (rightsBase & RIGHT_FD_WRITE) !== 0n) return { ret: ERRNO_PERM, fd_obj: REFUSED };
      if (oflags & OFLAGS_TRUNC) {
        if (this.readonly) return { ret: ERRNO_PERM, fd_obj: REFUSED };
        this.setLength(0);
      }
      const file = new CountedOpenFile(this as unknown as ShimModule.File);
      if (fdFlags & FDFLAGS_APPEND) file.file_pos = this.size;
      return { ret: ERRNO_SUCCESS, fd_obj: file };
    }

    setLength(length: number): void {
      if (length > this.length) {
        this.reserve(length);
        this.bytes.fill(0, this.length, length);
      } else if (length < this.bytes.length / 4) {
        this.files.budget.reserve(length - this.bytes.length, () => this.files.count());
        this.bytes = this.bytes.slice(0, length);
      }
      this.length = length;
    }

    writeAt(offset: number, bytes: Uint8Array): void {
      const end = offset + bytes.length;
      if (end > this.length) {
        this.reserve(end);
        if (offset > this.length) this.bytes.fill(0, this.length, offset);
        this.length = end;
      }
      this.bytes.set(bytes, offset);
    }

    /** Room for `size` bytes: double the buffer, as far as the budget allows, and at least to `size`. */
    private reserve(size: number): void {
      if (size <= this.bytes.length) return;
      const grown = Math.max(size, Math.min(2 * this.bytes.length, this.bytes.length + this.files.budget.room));
      this.files.budget.reserve(grown - this.bytes.length, () => this.files.count());
      const next = new Uint8Array(grown);
      next.set(this.bytes.subarray(0, this.length));
      this.bytes = next;
    }
  }
  // The shim reads `data` (and assigns it, in code this class replaces); the bytes are the held length.
  Object.defineProperty(CountedFile.prototype, 'data', {
    get(this: { bytes: Uint8Array; length: number }) {
      return this.bytes.subarray(0, this.length);
    },
    set(this: CountedFile, next: Uint8Array) {
      if (this.bytes === undefined) return; // the shim's constructor, before this class's own
      this.setLength(0);
      this.writeAt(0, next);
    },
  });

  return CountedFile;
}

/**
 * The guest's files on @bjorn3/browser_wasi_shim, counted against the run's FileBudget: every
 * file is a GuestFile (the request's files and those the guest creates), and every entry made
 * costs ENTRY_BYTES plus its name. `count` walks the tree and the open fds when the budget needs
 * a fresh count.
 */
export class ShimFiles {
  private readonly classes: FileClasses;
  private root: Directory | undefined;
  private fds: readonly (ShimModule.Fd | undefined)[] = [];

  constructor(
    private readonly shim: Shim,
    readonly budget: FileBudget,
  ) {
    this.classes = fileClasses(shim);
  }

  file(data: Uint8Array): GuestFile {
    return new this.classes.file(data, this);
  }

  /** Starts counting a session's tree: what the request put there is charged now. */
  track(root: Directory, fds: readonly (ShimModule.Fd | undefined)[]): void {
    this.root = root;
    this.fds = fds;
    this.budget.reserve(this.count(), () => 0);
  }

  /** Charges a new entry `name` (and `extra` bytes it holds, such as a link's target). */
  entryAdded(name: string, extra = 0): void {
    this.budget.reserve(ENTRY_BYTES + Buffer.byteLength(name) + extra, () => this.count());
  }

  /** The guest's tree as it is now, for the files it leaves (see collectOutputFiles). */
  tree(): GuestDirectory {
    return this.directory(this.root!);
  }

  private directory(directory: Directory): GuestDirectory {
    return { entries: () => [...directory.contents].map(([name, inode]): [string, GuestNode] => [name, this.node(inode)]) };
  }

  private node(inode: ShimModule.Inode): GuestNode {
    if (inode instanceof this.shim.Directory) return { kind: 'directory', directory: this.directory(inode) };
    if (!(inode instanceof this.shim.File)) return { kind: 'other' };
    // The held bytes as they are, no copy: the run is over, so its buffer may be moved away.
    const data = () => (inode as GuestFile).data;
    return { kind: 'file', file: { size: () => data().length, read: data } };
  }

  /** What the files still reachable hold: from the root, or through an open fd. */
  count(): number {
    const seen = new Set<object>();
    let bytes = 0;
    const visit = (name: string, node: object): void => {
      bytes += ENTRY_BYTES + Buffer.byteLength(name);
      if (seen.has(node)) return;
      seen.add(node);
      if (node instanceof this.shim.Directory) for (const [child, inode] of node.contents) visit(child, inode);
      else if (node instanceof this.shim.File) bytes += (node as GuestFile).capacity ?? node.data.length;
      else if ('target' in node) bytes += Buffer.byteLength(String(node.target));
    };
    if (this.root) visit('', this.root);
    for (const fd of this.fds) {
      const node = fd instanceof this.shim.OpenFile ? fd.file : fd instanceof this.shim.OpenDirectory ? fd.dir : null;
      if (node && !seen.has(node)) visit('', node);
    }
    return bytes;
  }
}

import type * as ShimModule from '@bjorn3/browser_wasi_shim';
import { GuestMemoryView } from '../guest-memory-view';
import {
  DIRECTORY_RIGHTS,
  ERRNO_FAULT,
  ERRNO_INVAL,
  ERRNO_SUCCESS,
  FILE_RIGHTS,
  FSTFLAGS_ATIM,
  FSTFLAGS_ATIM_NOW,
  FSTFLAGS_MTIM,
  FSTFLAGS_MTIM_NOW,
  Fault,
} from './wasi-abi';
import type { GuestClock } from '../guest-clock';

export type Shim = typeof ShimModule;
type Fd = ShimModule.Fd;
export type WasiFunctions = Record<string, (...args: never[]) => unknown>;

export interface FdState {
  base: bigint;
  inheriting: bigint;
  flags: number;
}

interface Times {
  atim: bigint;
  mtim: bigint;
  ctim: bigint;
}

/** Runs a replacement, turning a bad guest pointer into EFAULT. */
export function guarded<F extends (...args: never[]) => number>(fn: F): (...args: Parameters<F>) => number {
  return (...args: Parameters<F>): number => {
    try {
      return fn(...args);
    } catch (error) {
      if (error instanceof Fault) return ERRNO_FAULT;
      throw error;
    }
  };
}

/**
 * What the shim fixes keep for one session beside the shim's own state: each fd's rights and
 * flags (the shim has none), each inode's timestamps (the shim has none); it is the checked view
 * of the guest's memory too.
 */
export class ShimSession extends GuestMemoryView {
  readonly original: Record<string, (...args: number[]) => number>;
  private readonly states = new WeakMap<Fd, FdState>();
  private readonly times = new WeakMap<object, Times>();
  /** Each file's names, where they are not one (the shim keeps none). */
  private readonly links = new WeakMap<object, number>();
  private readonly started: bigint;

  constructor(
    readonly shim: Shim,
    readonly wasi: ShimModule.WASI,
    memory: () => WebAssembly.Memory | undefined,
    /** The run's time, which file times are taken from. */
    private readonly clock: GuestClock,
  ) {
    super(memory);
    this.started = clock.realtimeNs();
    this.original = wasi.wasiImport as Record<string, (...args: number[]) => number>;
    for (const fd of wasi.fds) {
      if (fd instanceof shim.OpenDirectory) this.states.set(fd, { base: DIRECTORY_RIGHTS, inheriting: DIRECTORY_RIGHTS | FILE_RIGHTS, flags: 0 });
    }
  }

  fdObject(fd: number): Fd | undefined {
    return this.wasi.fds[fd] ?? undefined;
  }

  stateOf(fd: Fd): FdState {
    let state = this.states.get(fd);
    if (!state) {
      state = { base: FILE_RIGHTS | DIRECTORY_RIGHTS, inheriting: FILE_RIGHTS | DIRECTORY_RIGHTS, flags: 0 };
      this.states.set(fd, state);
    }
    return state;
  }

  setState(fd: Fd, state: FdState): void {
    this.states.set(fd, state);
  }

  /** The inode behind an fd (what timestamps belong to). */
  nodeOf(fd: Fd): object {
    const { shim } = this;
    return fd instanceof shim.OpenFile ? fd.file : fd instanceof shim.OpenDirectory ? fd.dir : fd;
  }

  timesOf(node: object): Times {
    let entry = this.times.get(node);
    if (!entry) {
      entry = { atim: this.started, mtim: this.started, ctim: this.started };
      this.times.set(node, entry);
    }
    return entry;
  }

  /** A node made now: all its times are now. */
  created(node: object): void {
    const now = this.clock.realtimeNs();
    this.times.set(node, { atim: now, mtim: now, ctim: now });
  }

  touch(node: object): void {
    const entry = this.timesOf(node);
    entry.mtim = entry.ctim = this.clock.realtimeNs();
  }

  setTimes(node: object, atim: bigint, mtim: bigint, fstflags: number): number {
    if ((fstflags & FSTFLAGS_ATIM && fstflags & FSTFLAGS_ATIM_NOW) || (fstflags & FSTFLAGS_MTIM && fstflags & FSTFLAGS_MTIM_NOW)) {
      return ERRNO_INVAL;
    }
    const entry = this.timesOf(node);
    const now = this.clock.realtimeNs();
    if (fstflags & FSTFLAGS_ATIM) entry.atim = atim;
    if (fstflags & FSTFLAGS_ATIM_NOW) entry.atim = now;
    if (fstflags & FSTFLAGS_MTIM) entry.mtim = mtim;
    if (fstflags & FSTFLAGS_MTIM_NOW) entry.mtim = now;
    entry.ctim = now;
    return ERRNO_SUCCESS;
  }

  /** Throws Fault unless every one of the `count` iovecs at `ptr` lies inside the memory (the shim cuts them short). */
  checkIovecs(ptr: number, count: number): void {
    this.check(ptr, count * 8);
    const view = this.view();
    for (let i = 0; i < count; i++) this.check(view.getUint32(ptr + i * 8, true), view.getUint32(ptr + i * 8 + 4, true));
  }

  readString(ptr: number, length: number): string {
    this.check(ptr, length);
    return new TextDecoder().decode(new Uint8Array(this.view().buffer).slice(ptr, ptr + length));
  }

  /** `node` got a name more (`path_link`) or lost one (unlinked, or replaced by a rename). */
  linksChanged(node: object, by: 1 | -1): void {
    this.links.set(node, (this.links.get(node) ?? 1) + by);
  }

  /** As on Linux: a file's names (0 once all are gone and an fd still holds it); a directory's 2 and one per directory in it. */
  private linkCount(node: object): bigint {
    if (!(node instanceof this.shim.Directory)) return BigInt(this.links.get(node) ?? 1);
    let directories = 0;
    for (const child of node.contents.values()) if (child instanceof this.shim.Directory) directories++;
    return BigInt(2 + directories);
  }

  /** The shim writes atim/mtim/ctim at wrong offsets and nlink 0; this is the layout of WASI's filestat. */
  writeFilestat(ptr: number, stat: ShimModule.wasi.Filestat, node: object): void {
    this.check(ptr, 64);
    const out = this.view();
    const { atim, mtim, ctim } = this.timesOf(node);
    out.setBigUint64(ptr, stat.dev, true);
    out.setBigUint64(ptr + 8, stat.ino, true);
    out.setUint32(ptr + 16, 0, true);
    out.setUint32(ptr + 20, 0, true);
    out.setUint8(ptr + 16, stat.filetype);
    out.setBigUint64(ptr + 24, this.linkCount(node), true);
    out.setBigUint64(ptr + 32, stat.size, true);
    out.setBigUint64(ptr + 40, atim, true);
    out.setBigUint64(ptr + 48, mtim, true);
    out.setBigUint64(ptr + 56, ctim, true);
  }
}

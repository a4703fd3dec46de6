import type { ImportedMemoryLimits } from '../src/common/wasm-binary/cap-limits';
import { PAGE_BYTES } from '../src/common/wasm-binary/wasm-page';

/**
 * Idle memories one worker keeps, in bytes: the pages a guest touched stay resident while its
 * memory waits for the next run.
 */
const IDLE_BYTES = 16 * 2 ** 20;

/**
 * The linear memories this worker hands to guests (modules whose memory the service rewrote into
 * an import). A fresh memory costs V8 a reservation of several GiB of address space, the page
 * faults of every page touched and the release of it all after the run: for a small module, more
 * than running it (README, Performance). A memory that ends a run at its initial size is zeroed at once
 * and kept for the next run asking for the same limits: a guest never sees a byte of an earlier
 * run, and an idle memory holds none. One that grew cannot shrink back, so it is left to the GC.
 */
export class GuestMemories {
  /** By limits, least recently given back first. */
  private readonly idle = new Map<string, WebAssembly.Memory>();
  private idleBytes = 0;

  take(limits: ImportedMemoryLimits): WebAssembly.Memory {
    const key = keyOf(limits);
    const memory = this.idle.get(key);
    // Shared, as the rewrite declares it (see ImportedMemoryLimits).
    if (!memory) return new WebAssembly.Memory({ initial: limits.initialPages, maximum: limits.maximumPages, shared: true });
    this.idle.delete(key);
    this.idleBytes -= memory.buffer.byteLength;
    return memory;
  }

  /** After the run: keeps `memory`, zeroed, if it is still at its initial size and fits. */
  give(memory: WebAssembly.Memory, limits: ImportedMemoryLimits): void {
    const bytes = limits.initialPages * PAGE_BYTES;
    const key = keyOf(limits);
    if (memory.buffer.byteLength !== bytes || bytes > IDLE_BYTES || this.idle.has(key)) return;
    zero(new Uint8Array(memory.buffer));
    for (const [oldest, idle] of this.idle) {
      if (this.idleBytes + bytes <= IDLE_BYTES) break;
      this.idle.delete(oldest);
      this.idleBytes -= idle.buffer.byteLength;
    }
    this.idle.set(key, memory);
    this.idleBytes += bytes;
  }

  /** Idle memories and their bytes, for tests. */
  get stats(): { memories: number; bytes: number } {
    return { memories: this.idle.size, bytes: this.idleBytes };
  }
}

/** Zeroes, copied in from here: TypedArray fill() on shared memory goes element by element, where set() copies in bulk. */
const ZEROS = new Uint8Array(PAGE_BYTES);

function zero(bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; at += ZEROS.length) bytes.set(ZEROS.subarray(0, Math.min(ZEROS.length, bytes.length - at)), at);
}

function keyOf(limits: ImportedMemoryLimits): string {
  return `${limits.initialPages}:${limits.maximumPages}`;
}

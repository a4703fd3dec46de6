/** Idle buffers kept: at most this many of a size, and at most IDLE_BYTES of all sizes together. */
const MAX_IDLE_PER_SIZE = 64;
const IDLE_BYTES = 128 * 2 ** 20;
/** The smallest input buffer: below it, sizes are not worth telling apart. */
const MIN_INPUT_BYTES = 4096;

/**
 * SharedArrayBuffers reused across runs, per size: a run's output buffer, and its input (stdin)
 * buffer, which the worker reads in place. Allocating them per run cost more than running a small
 * module, and their memory stayed resident until the next GC (in the service for outputs, in
 * every worker for inputs, which each run also copied). A buffer is given back only once its run
 * is over and its worker finished with it: a terminated worker might still be writing into its
 * output, or reading its input, while it dies.
 */
export class SharedBuffers {
  private readonly idle = new Map<number, SharedArrayBuffer[]>();
  private idleBytes = 0;

  take(bytes: number): SharedArrayBuffer {
    const buffer = this.idle.get(bytes)?.pop();
    if (!buffer) return new SharedArrayBuffer(bytes);
    this.idleBytes -= bytes;
    return buffer;
  }

  give(buffer: SharedArrayBuffer): void {
    const list = this.idle.get(buffer.byteLength) ?? [];
    if (list.length >= MAX_IDLE_PER_SIZE || this.idleBytes + buffer.byteLength > IDLE_BYTES) return;
    list.push(buffer);
    this.idle.set(buffer.byteLength, list);
    this.idleBytes += buffer.byteLength;
  }

  /** Room for `length` input bytes, in a buffer of the next power of two so that inputs of any length reuse buffers. */
  takeInput(length: number): Uint8Array<SharedArrayBuffer> {
    const size = Math.max(MIN_INPUT_BYTES, 2 ** Math.ceil(Math.log2(Math.max(1, length))));
    return new Uint8Array(this.take(size), 0, length);
  }

  /** A shared copy of `bytes`. */
  takeCopy(bytes: Uint8Array): Uint8Array<SharedArrayBuffer> {
    const copy = this.takeInput(bytes.length);
    copy.set(bytes);
    return copy;
  }
}

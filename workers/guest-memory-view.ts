import { ERRNO_FAULT, Fault } from './engines/wasi-abi';

/**
 * The guest's linear memory as host functions read and write it: every access is bounds-checked
 * and a bad pointer throws Fault (the caller answers EFAULT), as on other WASI runtimes.
 */
export class GuestMemoryView {
  constructor(private readonly memory: () => WebAssembly.Memory | undefined) {}

  view(): DataView {
    const buffer = this.memory()?.buffer;
    if (!buffer) throw new Fault();
    return new DataView(buffer);
  }

  /** Throws Fault unless [ptr, ptr + length) lies inside the memory. */
  check(ptr: number, length: number): void {
    if (ptr < 0 || ptr + length > this.view().byteLength) throw new Fault();
  }

  /** The bytes at [ptr, ptr + length), in place. */
  bytes(ptr: number, length: number): Uint8Array {
    const buffer = this.memory()?.buffer;
    if (!buffer || ptr < 0 || ptr + length > buffer.byteLength) throw new Fault();
    return new Uint8Array(buffer, ptr, length);
  }
}

/** Runs a host function's body, answering EFAULT when it met a bad guest pointer. */
export function faultsAsErrno(call: () => number): number {
  try {
    return call();
  } catch (error) {
    if (error instanceof Fault) return ERRNO_FAULT;
    throw error;
  }
}

import { WASI_NAMESPACES } from '../src/modules/wasi-imports';
import { ERRNO_FAULT, ERRNO_SUCCESS } from './engines/wasi-abi';
import { OutputSink } from './output-sink';

type FdWrite = (fd: number, iovs: number, iovsLength: number, nwrittenPtr: number) => number;

/**
 * Replaces the engine's `fd_write` for fds 1 and 2 with one that copies the guest's iovecs into
 * the output sink as they are written, so the output cap is enforced identically on every WASI
 * engine and output is counted before it is buffered anywhere.
 */
export function interceptStdio(
  imports: WebAssembly.Imports,
  memory: () => WebAssembly.Memory | undefined,
  sink: OutputSink,
): void {
  for (const namespace of WASI_NAMESPACES) {
    const wasi = imports[namespace] as Record<string, WebAssembly.ImportValue> | undefined;
    const original = wasi?.fd_write as FdWrite | undefined;
    if (!wasi || !original) continue;
    wasi.fd_write = (fd: number, iovs: number, iovsLength: number, nwrittenPtr: number): number => {
      if (fd !== 1 && fd !== 2) return original(fd, iovs, iovsLength, nwrittenPtr);
      const buffer = memory()?.buffer;
      if (!buffer) return ERRNO_FAULT;
      if (iovs + iovsLength * 8 > buffer.byteLength || nwrittenPtr + 4 > buffer.byteLength) return ERRNO_FAULT;
      const view = new DataView(buffer);
      const bytes = new Uint8Array(buffer);
      let written = 0;
      for (let i = 0; i < iovsLength; i++) {
        const ptr = view.getUint32(iovs + i * 8, true);
        const length = view.getUint32(iovs + i * 8 + 4, true);
        if (ptr + length > bytes.length) return ERRNO_FAULT;
        sink.write(fd, bytes.subarray(ptr, ptr + length));
        written += length;
      }
      view.setUint32(nwrittenPtr, written, true);
      return ERRNO_SUCCESS;
    };
  }
}

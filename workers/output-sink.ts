import { OutputLayout, Slot } from './protocol';

export class OutputLimitExceeded extends Error {
  constructor(capBytes: number) {
    super(`stdout and stderr together passed the output limit of ${capBytes} bytes`);
  }
}

/**
 * Collects what the guest writes to stdout and stderr into the shared output buffer, counting
 * both streams against one cap. The write that crosses the cap keeps the bytes that still fit
 * and then stops the guest, so the worker never holds more than the cap.
 */
export class OutputSink {
  private stdoutLength = 0;
  private stderrLength = 0;

  constructor(private readonly layout: OutputLayout) {}

  /** Set once the cap was crossed; engines may wrap the thrown error, so the sink remembers it. */
  exceeded = false;

  get total(): number {
    return this.stdoutLength + this.stderrLength;
  }

  write(fd: 1 | 2, bytes: Uint8Array): void {
    const room = this.layout.capBytes - this.total;
    const kept = Math.min(room, bytes.length);
    if (fd === 1) {
      this.layout.stdout.set(bytes.subarray(0, kept), this.stdoutLength);
      this.stdoutLength += kept;
      Atomics.store(this.layout.header, Slot.StdoutLength, this.stdoutLength);
    } else {
      this.layout.stderr.set(bytes.subarray(0, kept), this.stderrLength);
      this.stderrLength += kept;
      Atomics.store(this.layout.header, Slot.StderrLength, this.stderrLength);
    }
    if (kept < bytes.length) {
      Atomics.store(this.layout.header, Slot.TruncatedFd, fd);
      this.exceeded = true;
      throw new OutputLimitExceeded(this.layout.capBytes);
    }
  }
}

/** Thrown when the guest's files would take the run past its memory limit. */
export class FilesLimitExceeded extends Error {
  constructor(limitBytes: number) {
    super(`the files the module wrote and its linear memory together passed the memory limit of ${limitBytes} bytes`);
  }
}

/**
 * The bytes of the guest's in-memory files, which count against the run's memory limit together
 * with its linear memory: a guest cannot hold more by writing files than by growing its memory.
 * Engines reserve bytes before their files grow. A reservation that would pass the limit first
 * counts the files afresh (a file the guest removed and no fd holds gives its bytes back), and
 * when that is not enough the guest is stopped (memory_limit_exceeded), as a flood of output is.
 */
export class FileBudget {
  private used = 0;
  /** Set once the limit was reached; engines may wrap the thrown error, so the budget remembers it. */
  exceeded = false;

  constructor(
    readonly limitBytes: number,
    private readonly memoryBytes: () => number,
  ) {}

  /** Bytes the files may still grow by now. */
  get room(): number {
    return Math.max(0, this.limitBytes - this.memoryBytes() - this.used);
  }

  /** Reserves `bytes` more; `count` tells what the guest's files hold now, for a fresh count. */
  reserve(bytes: number, count: () => number): void {
    if (bytes <= 0) {
      this.used = Math.max(0, this.used + bytes);
      return;
    }
    if (bytes > this.room) this.used = count();
    if (bytes > this.room) {
      this.exceeded = true;
      throw new FilesLimitExceeded(this.limitBytes);
    }
    this.used += bytes;
  }
}

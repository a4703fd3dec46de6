import { OutputLayout } from '../../workers/protocol';

/** Buffers kept for reuse per output cap; beyond this many idle ones, a returned buffer is dropped. */
const IDLE_PER_SIZE = 64;

/**
 * Shared output buffers, reused across runs. Allocating (and later collecting) two cap-sized
 * SharedArrayBuffers per run cost more than running a small module, and their memory stayed
 * resident until the next GC. A buffer is only handed out again once its run is over: the
 * worker finished with it, or was terminated.
 */
export class OutputBuffers {
  private readonly idle = new Map<number, OutputLayout[]>();

  take(capBytes: number): OutputLayout {
    const layout = this.idle.get(capBytes)?.pop() ?? OutputLayout.allocate(capBytes);
    layout.header.fill(0);
    return layout;
  }

  give(layout: OutputLayout): void {
    const list = this.idle.get(layout.capBytes) ?? [];
    if (list.length < IDLE_PER_SIZE) list.push(layout);
    this.idle.set(layout.capBytes, list);
  }
}

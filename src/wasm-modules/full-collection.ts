import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/**
 * A full garbage collection of this thread's heap. A compiled module holds its machine code and
 * metadata outside the JS heap, which V8 does not count, so while the heap itself stays small V8
 * never collects a module that is no longer referenced, and its memory stays resident.
 */
export function collectGarbage(): void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}

let scheduled = false;

/** `collectGarbage` once, soon, however many modules are let go of meanwhile. */
export function collectGarbageSoon(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    collectGarbage();
  });
}

import { setFlagsFromString } from 'node:v8';

/**
 * Sets how far each V8 heap of this process (the main thread's and every worker's) may grow past
 * its live data before a full collection. V8 reads the flag at every collection, so setting it
 * while the process runs takes effect from the next one.
 */
export function applyHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}

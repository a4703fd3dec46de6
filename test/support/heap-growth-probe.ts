/**
 * node heap-growth-probe.js PERCENT — keeps about 64 MiB alive while allocating 1 GiB of 1 MiB
 * arrays that each replace one of the live ones, as a busy service's heap does, and prints the
 * largest heap V8 committed over the second half, in MiB: by then V8 sizes the heap from what
 * survived its collections (the first one comes at a fixed initial limit whatever the growth).
 */
import { getHeapStatistics } from 'node:v8';
import { applyHeapGrowth } from '../../src/config/heap-growth';

applyHeapGrowth(Number(process.argv[2]));
const ENTRY_ELEMENTS = 128 * 1024; // 1 MiB of tagged values
const live: number[][] = new Array(64);
let largest = 0;
for (let i = 0; i < 1024; i++) {
  live[i % live.length] = new Array(ENTRY_ELEMENTS).fill(i);
  if (i >= 512) largest = Math.max(largest, getHeapStatistics().total_heap_size);
}
console.log(Math.round(largest / 2 ** 20));

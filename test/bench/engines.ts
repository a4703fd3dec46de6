/**
 * Time per run of a tiny module on each WASI engine, in-process (no pool, no HTTP): what one
 * `runModule` call costs once the module is compiled and the engine warmed up.
 *
 *   npx tsc -p tsconfig.json && node dist/test/bench/engines.js [runs]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEngine, ENGINE_NAMES } from '../../workers/engines';
import { sandboxedModule } from '../../src/wasm-modules/module-validator';
import { PAGE_BYTES } from '../../src/common/wasm-binary/wasm-page';
import { OutputLayout, SandboxTask } from '../../workers/protocol';
import { runModule } from '../../workers/run-module';
import { repositoryRoot } from '../support/fixtures';

const ROOT = repositoryRoot() ?? process.cwd();
const RUNS = Number(process.argv[2] ?? 2000);
const WARMUP = Math.min(500, RUNS);

const workloads = [
  { name: 'tiny-echo (24 B stdin)', path: 'test/fixtures/wat/tiny-echo.wasm', stdin: Buffer.from('hello, benchmark world!\n') },
  { name: 'hello (C, wasi-libc)', path: 'examples/hello.wasm', stdin: Buffer.alloc(0) },
];

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export interface EngineTiming {
  median: number;
  p90: number;
  p99: number;
}

/** Milliseconds per `runModule` call of one workload on one engine, after warm-up. */
export async function timeEngine(engineName: string, workload: (typeof workloads)[number], runs: number): Promise<EngineTiming> {
  const memoryLimitBytes = 32 * 1024 * 1024;
  const { cappedBytes, importedMemory, refusedGrowExport } = sandboxedModule(readFileSync(join(ROOT, workload.path)), memoryLimitBytes / PAGE_BYTES);
  const module = await WebAssembly.compile(cappedBytes as Uint8Array<ArrayBuffer>);
  const engine = createEngine(engineName);
  await engine.ready();
  const task = (runId: number): SandboxTask => ({
    runId,
    module,
    engine: engineName,
    argv: [workload.path.split('/').pop() as string],
    env: {},
    stdin: workload.stdin,
    files: [],
    memoryLimitBytes,
    maxTableElements: 1 << 20,
    importedMemory,
    refusedGrowExport,
    clock: 'real',
    randomSeed: null,
    output: OutputLayout.allocate(64 * 1024).buffer,
  });
  for (let i = 0; i < Math.min(500, runs); i++) runModule(engine, task(i));
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const next = task(i);
    const started = performance.now();
    const outcome = runModule(engine, next);
    times.push(performance.now() - started);
    if (outcome.status !== 'success') throw new Error(`${engineName} ${workload.name}: ${outcome.status} ${outcome.error}`);
  }
  times.sort((a, b) => a - b);
  return { median: quantile(times, 0.5), p90: quantile(times, 0.9), p99: quantile(times, 0.99) };
}

export const WORKLOADS = workloads;

async function main(): Promise<void> {
  console.log(`${RUNS} runs after ${WARMUP} warm-up runs, node ${process.version}`);
  const us = (ms: number): string => `${(ms * 1000).toFixed(0).padStart(6)} µs`;
  for (const workload of workloads) {
    for (const engineName of ENGINE_NAMES) {
      const timing = await timeEngine(engineName, workload, RUNS);
      console.log(`${workload.name.padEnd(24)} ${engineName.padEnd(18)} median ${us(timing.median)}  p90 ${us(timing.p90)}  p99 ${us(timing.p99)}`);
    }
  }
}

if (require.main === module) void main();

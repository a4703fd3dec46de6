import { performance } from 'node:perf_hooks';
import type { BenchClient } from './bench-client';
import { round } from './measure';

export interface BatchThroughput {
  /** Runs per second of one batch request of `runs` runs over HTTP (median of the rounds). */
  runsPerSec: number;
  /** The same runs through the worker pool in the bench's process, in the rounds between (median). */
  baselineRunsPerSec: number;
  percentOfBaseline: number;
  runs: number;
  rounds: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs per second of `work`, which does `runs` runs. */
async function runsPerSec(runs: number, work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return runs / ((performance.now() - started) / 1000);
}

/**
 * Batch throughput against the pool's own, alternating round by round so both see the same
 * machine: one POST /api/v1/modules/:id/batches carrying `runs` runs of the tiny echo, then the
 * same number of runs through the pool in this process at `poolConcurrency`.
 */
export async function measureBatchThroughput(options: {
  client: BenchClient;
  moduleId: string;
  stdin: string;
  runs: number;
  rounds: number;
  poolRun: () => Promise<unknown>;
  poolConcurrency: number;
  /** Both sides are worked this long, alternating, before the rounds: the batch route's code is compiled by then, as the execute route's is after its warm-up. */
  warmupSeconds: number;
}): Promise<BatchThroughput> {
  const { client, moduleId, stdin, runs, rounds, poolRun, poolConcurrency, warmupSeconds } = options;
  const body = JSON.stringify({ runs: Array.from({ length: runs }, () => ({ stdin })) });
  const poolRuns = async () => {
    let left = runs;
    const lane = async () => {
      while (left-- > 0) await poolRun();
    };
    await Promise.all(Array.from({ length: poolConcurrency }, lane));
  };
  const warmUntil = performance.now() + warmupSeconds * 1000;
  do {
    await client.runBatch(moduleId, body, runs);
    await poolRuns();
  } while (performance.now() < warmUntil);
  const batch: number[] = [];
  const pool: number[] = [];
  for (let round = 0; round < rounds; round++) {
    batch.push(await runsPerSec(runs, () => client.runBatch(moduleId, body, runs)));
    pool.push(await runsPerSec(runs, poolRuns));
  }
  const runsPerSecond = median(batch);
  const baseline = median(pool);
  return { runsPerSec: round(runsPerSecond, 0), baselineRunsPerSec: round(baseline, 0), percentOfBaseline: Math.round((100 * runsPerSecond) / baseline), runs, rounds };
}

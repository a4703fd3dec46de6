import { performance } from 'node:perf_hooks';
import { encodeForm } from '../support/http';
import { BenchClient } from './bench-client';
import { latencies, round, summary } from './measure';

export interface ColdWarmSamples {
  /** Median of the first executions, each of a module the service has not compiled yet. */
  coldMs: number;
  /** Median of repeated executions of one module. */
  warmMs: number;
  coldSamplesMs: number[];
  warmSamplesMs: number[];
  /** The run alone (the worker's durationMs), first and repeated: V8 compiles wasm lazily, function by function. */
  coldRunMs: number;
  warmRunMs: number;
}

const median = (values: number[]) => summary(values).p50Ms;

async function timed(work: () => Promise<{ durationMs: number }>): Promise<{ ms: number; runMs: number }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, runMs: result.durationMs };
}

function summarise(colds: { ms: number; runMs: number }[], warms: { ms: number; runMs: number }[]): ColdWarmSamples {
  return {
    coldMs: median(colds.map((sample) => sample.ms)),
    warmMs: median(warms.map((sample) => sample.ms)),
    coldSamplesMs: colds.map((sample) => round(sample.ms)),
    warmSamplesMs: warms.map((sample) => round(sample.ms)),
    coldRunMs: median(colds.map((sample) => sample.runMs)),
    warmRunMs: median(warms.map((sample) => sample.runMs)),
  };
}

/**
 * One-shot uploads (POST /api/v1/execute): each variant once (cold: upload, check, cap, compile,
 * run), then the first variant again and again (warm: the upload still travels and is hashed,
 * the compiled module comes from the cache). The route is warmed with `tiny` first, so that cold
 * measures the module and not the route's first use.
 */
export async function oneShotColdWarm(client: BenchClient, tiny: Buffer, variants: Buffer[], repeats: number): Promise<ColdWarmSamples> {
  const tinyForm = await encodeForm(tiny, 'tiny.wasm');
  for (let i = 0; i < 20; i++) await client.runOneShot(tinyForm);
  const forms = await Promise.all(variants.map((variant, i) => encodeForm(variant, `large-${i}.wasm`)));
  const colds = [];
  for (const form of forms) colds.push(await timed(() => client.runOneShot(form)));
  const warms = [];
  for (let i = 0; i < repeats; i++) warms.push(await timed(() => client.runOneShot(forms[0])));
  return summarise(colds, warms);
}

/**
 * Stored modules run by id on a service that has just started (its compiled-module cache empty):
 * each module's first run reads its bytes from the database, checks, caps and compiles them;
 * later runs of the first find it compiled. The route is warmed with `tinyId` first.
 */
export async function storedColdWarm(client: BenchClient, tinyId: string, ids: string[], repeats: number): Promise<ColdWarmSamples> {
  await latencies(20, () => client.runStored(tinyId, '{}'));
  const colds = [];
  for (const id of ids) colds.push(await timed(() => client.runStored(id, '{}')));
  const warms = [];
  for (let i = 0; i < repeats; i++) warms.push(await timed(() => client.runStored(ids[0], '{}')));
  return summarise(colds, warms);
}

import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';

export interface Latency {
  p50Ms: number;
  p99Ms: number;
}

export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Calls `work` back to back for `seconds`, on this thread; returns calls per second. */
export async function throughput(seconds: number, concurrency: number, work: () => Promise<unknown> | unknown): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  const lane = async () => {
    while (performance.now() < deadline) {
      await work();
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, lane));
  return done / ((performance.now() - started) / 1000);
}

/** Sequential timings of `work`, in milliseconds. */
export async function latencies(count: number, work: () => Promise<unknown>): Promise<Latency & { samples: number[] }> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return summary(samples);
}

/**
 * Two works timed side by side: a, b, a, b, … so that whatever else the machine does at a moment
 * weighs on both alike.
 */
export async function interleaved(count: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[Latency & { samples: number[] }, Latency & { samples: number[] }]> {
  const samplesA: number[] = [];
  const samplesB: number[] = [];
  for (let i = 0; i < count; i++) {
    for (const [work, samples] of [[a, samplesA], [b, samplesB]] as const) {
      const started = performance.now();
      await work();
      samples.push(performance.now() - started);
    }
  }
  return [summary(samplesA), summary(samplesB)];
}

export function summary(samples: number[]): Latency & { samples: number[] } {
  return { p50Ms: round(quantile(samples, 0.5)), p99Ms: round(quantile(samples, 0.99)), samples };
}

export interface LoadResult extends Latency {
  rps: number;
  non2xx: number;
  errors: number;
}

/** An HTTP load from autocannon at a fixed concurrency. */
export async function load(options: { url: string; method?: string; headers?: Record<string, string>; body?: string; connections: number; seconds: number }): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    method: (options.method ?? 'GET') as 'GET',
    headers: options.headers,
    body: options.body,
    connections: options.connections,
    duration: options.seconds,
  });
  return {
    rps: round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

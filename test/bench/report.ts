import type { Latency } from './measure';

export interface BenchReport {
  date: string;
  machine: { cpu: string; cpus: number; memoryBytes: number; node: string; postgres: string; redis: string | null; workerThreads: number };
  options: { quick: boolean; secondsPerLoad: number; connections: number };
  /** The tiny echo instantiated and run in this process, one at a time: no pool, no HTTP. */
  raw: { rps: number };
  /** The same module through the worker pool (WORKER_THREADS of the service), from this process. */
  baseline: { rps: number; threads: number; concurrency: number };
  /** The same module stored and run by id over HTTP: real key, quota guard, usage recording. */
  execute: Latency & { rps: number; connections: number; non2xx: number; errors: number };
  /**
   * Auth + quota guards: p50Ms/p99Ms are the two guards themselves (in process, on Redis);
   * `http` is the same service and client with and without them, side by side.
   */
  guardOverhead: Latency & {
    auth: Latency;
    quota: Latency;
    quotaBackend: string;
    http: Latency & { bare: Latency & { route: string }; guarded: Latency & { route: string } };
  };
  /** First POST /api/v1/execute of a large module (median over distinct copies): check, cap, compile, run. */
  coldMs: number;
  /** The same upload again: the compiled module comes from the cache. */
  warmMs: number;
  large: {
    bytes: number;
    functions: number;
    calledFunctions: number;
    coldSamplesMs: number[];
    warmSamplesMs: number[];
    /** The run alone (the worker's durationMs) on the first and on later executions: lazy compilation shows here. */
    coldRunMs: number;
    warmRunMs: number;
    /** The large module stored and run by id: no upload at all. */
    warmByIdMs: number;
  };
  /** Peak resident memory of the service process, its worker threads included (VmHWM). */
  rssPeakBytes: number;
  /** The service's resident memory after each phase (VmRSS), to tell which one makes the peak. */
  rssAfterPhaseBytes: Record<string, number>;
  /** Pool throughput (runs/s) by worker threads. */
  threads: Record<string, number>;
  /** Execution over HTTP against stdin size, sequential. */
  stdin: (Latency & { bytes: number })[];
  targets: Verdict[];
  durationSeconds: number;
  profile?: { dir: string; windows: Record<string, string> };
}

export interface Verdict {
  target: string;
  value: string;
  met: boolean;
}

const MIB = 1024 * 1024;

/** The targets of the benchmark issue, each with whether this run met it. */
export function verdicts(report: Omit<BenchReport, 'targets'>): Verdict[] {
  return [
    { target: 'execute.rps >= 70% of baseline.rps', value: `${Math.round((100 * report.execute.rps) / report.baseline.rps)} %`, met: report.execute.rps >= 0.7 * report.baseline.rps },
    { target: 'guardOverhead.p99Ms <= 2 ms', value: `${report.guardOverhead.p99Ms} ms`, met: report.guardOverhead.p99Ms <= 2 },
    { target: 'warmMs <= 0.2 x coldMs', value: `${(report.warmMs / report.coldMs).toFixed(2)} x`, met: report.warmMs <= 0.2 * report.coldMs },
    { target: 'rssPeakBytes <= 400 MiB', value: `${(report.rssPeakBytes / MIB).toFixed(0)} MiB`, met: report.rssPeakBytes <= 400 * MIB },
  ];
}

const pair = (latency: Latency) => `${latency.p50Ms} / ${latency.p99Ms}`;

export function printReport(report: BenchReport): void {
  const { guardOverhead: guard, large } = report;
  const rows: [string, string][] = [
    ['raw.rps (in process, 1 thread, no pool)', String(report.raw.rps)],
    [`baseline.rps (worker pool, ${report.baseline.threads} threads)`, String(report.baseline.rps)],
    [`execute.rps (HTTP by id: key, quota, usage; ${report.execute.connections} connections)`, String(report.execute.rps)],
    ['execute.p50Ms / p99Ms', pair(report.execute)],
    [`guardOverhead.p50Ms / p99Ms (auth + quota guards, ${guard.quotaBackend})`, pair(guard)],
    ['  auth alone / quota alone, p50 / p99 ms', `${pair(guard.auth)}  |  ${pair(guard.quota)}`],
    [`  HTTP ${guard.http.guarded.route} minus ${guard.http.bare.route}, p50 / p99 ms`, `${pair(guard.http)}  (${pair(guard.http.guarded)} vs ${pair(guard.http.bare)})`],
    [`coldMs / warmMs (${(large.bytes / MIB).toFixed(1)} MiB module, POST /api/v1/execute)`, `${report.coldMs} / ${report.warmMs}`],
    ['  run alone, first / later (lazy compilation)', `${large.coldRunMs} / ${large.warmRunMs}`],
    ['  stored and run by id (no upload), ms', String(large.warmByIdMs)],
    ['rssPeakBytes', `${report.rssPeakBytes} (${(report.rssPeakBytes / MIB).toFixed(0)} MiB)`],
    ['  RSS after each phase, MiB', Object.entries(report.rssAfterPhaseBytes).map(([phase, bytes]) => `${phase} ${(bytes / MIB).toFixed(0)}`).join(', ')],
    ...Object.entries(report.threads).map(([threads, rps]): [string, string] => [`pool runs/s at ${threads} thread(s)`, String(rps)]),
    ...report.stdin.map((point): [string, string] => [`execute with ${point.bytes / 1024} KiB stdin, p50 / p99 ms`, pair(point)]),
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);
  console.log('');
  for (const verdict of report.targets) console.log(`${verdict.met ? 'met    ' : 'MISSED '} ${verdict.target}: ${verdict.value}`);
  console.log(`(${report.durationSeconds} s; ${report.machine.cpus} x ${report.machine.cpu}, node ${report.machine.node}, PostgreSQL ${report.machine.postgres}, Redis ${report.machine.redis ?? 'not reachable'})`);
}

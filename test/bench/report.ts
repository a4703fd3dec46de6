import type { AsyncLatency } from './async-latency';
import type { BatchThroughput } from './batch-throughput';
import type { ColdWarmSamples } from './cold-warm';
import type { Latency } from './measure';
import type { StdinPoint } from './stdin-paths';
import type { UploadStall } from './upload-stall';

export interface BenchReport {
  date: string;
  machine: { cpu: string; cpus: number; memoryBytes: number; node: string; postgres: string; redis: string | null; workerThreads: number };
  options: { quick: boolean; secondsPerLoad: number; warmupSeconds: number; httpWarmupSeconds: number; batchWarmupSeconds: number; connections: number };
  /** The tiny echo instantiated and run in this process, one at a time: no pool, no HTTP. */
  raw: { rps: number };
  /** The same module through the worker pool (WORKER_THREADS of the service), from this process. */
  /** One account's runs through the pool, in process: as many threads as the service lets one account hold. */
  baseline: { rps: number; threads: number; threadsPerAccount: number; concurrency: number };
  /** One batch request of 100 runs of the module over HTTP, alternated with the same runs through the pool in process. */
  batch: BatchThroughput;
  /** Async runs (`wait: false`) one at a time at idle: the durable queue's hand-over. */
  asyncRun: AsyncLatency;
  /**
   * A plain Fastify route in front of the same pool, worker and module (no auth, quota or
   * records), loaded in turns with execute; CPU per execution of its main thread and the rest.
   */
  peers: { fastify: Floor & { serviceMainUs: number; workersAndV8Us: number } };
  /** CPU of the service's main thread per execution, µs (as peers.fastify.serviceMainUs). */
  executeMainUs: number;
  /** stdin of 1 KiB to 8 MiB: the pool, JSON (base64) and octet-stream bodies (stdin-paths.ts). */
  binaryStdin: StdinPoint[];
  /** The same module stored and run by id over HTTP: real key, quota guard, usage recording. */
  /** `redisRoundTrips`: reads of Redis's sockets per execution under the load (null without Redis: quotas in memory). */
  execute: Latency & { rps: number; connections: number; non2xx: number; errors: number; redisRoundTrips: number | null };
  /**
   * CPU time per run in microseconds, from /proc per thread: which thread pays for what. Baseline:
   * the calling thread and the pool's workers (with V8's helper threads). Execute: the service's
   * main thread, its workers and V8 helpers, and the load generator.
   */
  cpuPerRunUs: {
    baseline: { poolCaller: number; workersAndV8: number; machine: number };
    execute: { serviceMain: number; serviceWorkersAndV8: number; loadGenerator: number; machine: number };
  };
  /** The same load on a route that does nothing: what the HTTP stack alone allows on this machine. */
  httpFloor: Floor;
  /** The same load on GET /api/v1/me: HTTP with an execution's guards (auth, one quota script in Redis), no run. */
  guardedFloor: Floor;
  /**
   * The most executions per second this machine could give if an execution cost no more than a
   * guarded request plus a pool run, machine CPU for machine CPU (every process: service, Redis,
   * Postgres, load generator, kernel), with the machine as busy as during the baseline: validating
   * the body, giving the lease back, recording the run and answering with its output all free.
   */
  executeCeiling: { rps: number; percentOfBaseline: number };
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
  /**
   * First run by id of a stored large module on a freshly started service (read, check, cap,
   * compile, run; median over distinct copies) versus runs of one of them that follow.
   */
  coldMs: number;
  warmMs: number;
  large: {
    bytes: number;
    functions: number;
    calledFunctions: number;
    /** coldMs / warmMs with their samples and run times. */
    stored: ColdWarmSamples;
    /** The same on POST /api/v1/execute: every run uploads the module; warm finds it compiled. */
    oneShot: ColdWarmSamples;
  };
  /** Peak resident memory of the service process, its worker threads included (VmHWM; the larger of the two instances). */
  rssPeakBytes: number;
  /** The service's highest resident memory seen in each phase (VmRSS sampled every 25 ms), to tell which one makes the peak. */
  rssInPhaseBytes: Record<string, number>;
  /** Pool throughput (runs/s) by worker threads, all of them open to the one account. */
  threads: Record<string, number>;
  /** Execution over HTTP against stdin size, sequential. */
  stdin: (Latency & { bytes: number })[];
  /** Uploads whose checking once held the event loop: the slowest /health/live meanwhile. */
  uploadStalls: UploadStall[];
  targets: Verdict[];
  durationSeconds: number;
  profile?: { dir: string; windows: Record<string, string[]>; mainThreadUsByLayer: { layer: string; execute: number; peer: number }[] };
}

export interface Floor extends Latency {
  route: string;
  rps: number;
  /** Busy CPU of the whole machine per request, µs. */
  machineUs: number;
}

export function executeCeiling(baselineRps: number, baselineMachineUs: number, guardedMachineUs: number): BenchReport['executeCeiling'] {
  const busyCores = (baselineRps * baselineMachineUs) / 1e6;
  const rps = Math.round((busyCores * 1e6) / (guardedMachineUs + baselineMachineUs));
  return { rps, percentOfBaseline: Math.round((100 * rps) / baselineRps) };
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
    {
      target: 'execute.rps >= 65% of peers.fastify.rps',
      value: `${Math.round((100 * report.execute.rps) / report.peers.fastify.rps)} %`,
      met: report.execute.rps >= 0.65 * report.peers.fastify.rps,
    },
    {
      target: 'batch.runsPerSec >= 70% of baseline.rps',
      value: `${Math.round((100 * report.batch.runsPerSec) / report.baseline.rps)} %`,
      met: report.batch.runsPerSec >= 0.7 * report.baseline.rps,
    },
    {
      target: 'one Redis round trip per execution (execute.redisRoundTrips <= 1)',
      value: report.execute.redisRoundTrips === null ? 'no Redis: quotas in memory' : String(report.execute.redisRoundTrips),
      met: (report.execute.redisRoundTrips ?? 0) <= 1,
    },
    { target: 'guardOverhead.p99Ms <= 2 ms', value: `${report.guardOverhead.p99Ms} ms`, met: report.guardOverhead.p99Ms <= 2 },
    { target: 'warmMs <= 0.2 x coldMs', value: `${(report.warmMs / report.coldMs).toFixed(2)} x`, met: report.warmMs <= 0.2 * report.coldMs },
    { target: 'rssPeakBytes <= 400 MiB', value: `${(report.rssPeakBytes / MIB).toFixed(0)} MiB`, met: report.rssPeakBytes <= 400 * MIB },
    ...report.uploadStalls.map((stall) => ({ target: `/health/live < 100 ms during the upload of ${stall.upload}`, value: `${stall.maxLiveMs} ms`, met: stall.maxLiveMs < 100 })),
  ];
}

const pair = (latency: Latency) => `${latency.p50Ms} / ${latency.p99Ms}`;

export function printReport(report: BenchReport): void {
  const { guardOverhead: guard, large, cpuPerRunUs: cpu } = report;
  const rows: [string, string][] = [
    ['raw.rps (in process, 1 thread, no pool)', String(report.raw.rps)],
    [`baseline.rps (worker pool, ${report.baseline.threads} threads, one account's ${report.baseline.threadsPerAccount})`, String(report.baseline.rps)],
    [`execute.rps (HTTP by id: key, quota, usage; ${report.execute.connections} connections)`, String(report.execute.rps)],
    ['execute.p50Ms / p99Ms', pair(report.execute)],
    ['execute.redisRoundTrips (Redis socket reads per execution)', String(report.execute.redisRoundTrips ?? 'no Redis')],
    [
      `batch.runsPerSec (one request of ${report.batch.runs} runs; pool in process alternating)`,
      `${report.batch.runsPerSec} vs ${report.batch.baselineRunsPerSec} = ${report.batch.percentOfBaseline} % (median of ${report.batch.rounds})`,
    ],
    [
      `asyncRun submit-to-start p50 / p99 ms (record's startedAt - createdAt, ${report.asyncRun.runs} at idle); to result seen`,
      `${report.asyncRun.submitToStartP50Ms} / ${report.asyncRun.submitToStartP99Ms}; ${report.asyncRun.submitToResultP50Ms}`,
    ],
    [`peers.fastify.rps (plain Fastify route, same pool, in turns with execute)`, String(report.peers.fastify.rps)],
    ['peers.fastify.p50Ms / p99Ms', pair(report.peers.fastify)],
    ['main-thread CPU per execution, µs: execute / peer', `${report.executeMainUs} / ${report.peers.fastify.serviceMainUs}`],
    ['machine CPU per execution, µs: execute / peer', `${report.cpuPerRunUs.execute.machine} / ${report.peers.fastify.machineUs}`],
    ['CPU per run, µs: baseline caller + workers; whole machine', `${cpu.baseline.poolCaller} + ${cpu.baseline.workersAndV8}; ${cpu.baseline.machine}`],
    ['CPU per run, µs: execute service main + workers, load generator; whole machine', `${cpu.execute.serviceMain} + ${cpu.execute.serviceWorkersAndV8}, ${cpu.execute.loadGenerator}; ${cpu.execute.machine}`],
    [`guardOverhead.p50Ms / p99Ms (auth + quota guards, ${guard.quotaBackend})`, pair(guard)],
    ['  auth alone / quota alone, p50 / p99 ms', `${pair(guard.auth)}  |  ${pair(guard.quota)}`],
    [`  HTTP ${guard.http.guarded.route} minus ${guard.http.bare.route}, p50 / p99 ms`, `${pair(guard.http)}  (${pair(guard.http.guarded)} vs ${pair(guard.http.bare)})`],
    ...[report.httpFloor, report.guardedFloor].map((floor): [string, string] => [`same load on ${floor.route}`, `${floor.rps} rps, p50 / p99 ${pair(floor)} ms, ${floor.machineUs} µs of machine CPU each`]),
    ['execute ceiling (guarded request + pool run, all else free)', `${report.executeCeiling.rps} rps = ${report.executeCeiling.percentOfBaseline} % of baseline`],
    [`coldMs / warmMs (${(large.bytes / MIB).toFixed(1)} MiB module stored, run by id, fresh instance)`, `${report.coldMs} / ${report.warmMs}`],
    ['  run alone, first / later (lazy compilation)', `${large.stored.coldRunMs} / ${large.stored.warmRunMs}`],
    ['  one-shot POST /api/v1/execute, first / repeated upload', `${large.oneShot.coldMs} / ${large.oneShot.warmMs}`],
    ['rssPeakBytes', `${report.rssPeakBytes} (${(report.rssPeakBytes / MIB).toFixed(0)} MiB)`],
    ['  highest RSS in each phase, MiB', Object.entries(report.rssInPhaseBytes).map(([phase, bytes]) => `${phase} ${(bytes / MIB).toFixed(0)}`).join(', ')],
    ...Object.entries(report.threads).map(([threads, rps]): [string, string] => [`pool runs/s at ${threads} thread(s), all open to one account`, String(rps)]),
    ...report.stdin.map((point): [string, string] => [`execute with ${point.bytes / 1024} KiB stdin, p50 / p99 ms`, pair(point)]),
    ...report.binaryStdin.map((point): [string, string] => [
      `stdin ${point.bytes / 1024} KiB, p50 / p99 ms: pool | JSON base64 | octet-stream`,
      `${pair(point.pool)} | ${pair(point.json)} | ${pair(point.octetStream)}`,
    ]),
    ...report.uploadStalls.map((stall): [string, string] => [
      `upload of ${stall.upload} (${(stall.bytes / MIB).toFixed(1)} MiB): slowest /health/live; event-loop delay, ms`,
      `${stall.maxLiveMs}; ${stall.maxEventLoopDelayMs} (answered ${stall.status})`,
    ]),
    ...(report.profile?.mainThreadUsByLayer ?? []).map(({ layer, execute, peer }): [string, string] => [`main thread per execution, µs, execute / peer: ${layer}`, `${execute} / ${peer}`]),
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);
  console.log('');
  for (const verdict of report.targets) console.log(`${verdict.met ? 'met    ' : 'MISSED '} ${verdict.target}: ${verdict.value}`);
  console.log(`(${report.durationSeconds} s; ${report.machine.cpus} x ${report.machine.cpu}, node ${report.machine.node}, PostgreSQL ${report.machine.postgres}, Redis ${report.machine.redis ?? 'not reachable'})`);
}

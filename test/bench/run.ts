/**
 * npm run bench [-- --quick] [-- --out FILE] [-- --cpu-prof DIR]
 *
 * The service against its own limits, side by side in one run: the tiny echo module in process
 * (raw), through the worker pool (baseline, at 1, 2 and N threads), and over HTTP with a real
 * key, quota guard and usage recording (execute); a batch of 100 runs in one request against the
 * pool in process, alternating (batch); what the auth and quota guards add; cold versus
 * warm runs of a large module; latency against stdin size; how long the event loop is held while
 * uploads are checked; the service's peak RSS.
 *
 * --cpu-prof DIR starts the service under `node --cpu-prof` (main thread and each worker write a
 * profile into DIR at its stop) and prints each phase's window for profile-summary.js.
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../src/config/app-config';
import { checkModule, MAX_TABLE_ELEMENTS } from '../../src/wasm-modules/module-validator';
import { SandboxPool } from '../../src/sandbox/sandbox-pool.service';
import { createEngine } from '../../workers/engines';
import type { ImportedMemoryLimits } from '../../src/common/wasm-binary/cap-limits';
import { OutputLayout } from '../../workers/protocol';
import { runModule } from '../../workers/run-module';
import { ROOT } from '../support/fixtures';
import { startServiceProcess } from '../support/service-process';
import { createTestDatabase } from '../support/test-database';
import { measureGuards } from './guard-overhead';
import { memoryOf, reachable, redisReadCounter, versions } from './machine';
import { HttpLoad, HttpLoads, measureHttpLoads } from './http-loads';
import { layerShares, layerTable, mainThreadProfile } from './cpu-layers';
import { startFastifyPeer } from './peer-process';
import { measureStdinPaths } from './stdin-paths';
import { BenchClient } from './bench-client';
import { oneShotColdWarm, storedColdWarm } from './cold-warm';
import { buildLargeModule, moduleVariant } from './large-module';
import { cpuPerOperation, CpuPerOperation } from './thread-cpu';
import { measureUploadStalls } from './upload-stall';
import { measureBatchThroughput } from './batch-throughput';
import { measureAsyncLatency } from './async-latency';
import { interleaved, latencies, round, throughput } from './measure';
import { BenchReport, executeCeiling, printReport, verdicts } from './report';

const argv = process.argv.slice(2);
const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : null);
const QUICK = argv.includes('--quick');
const OUT = option('--out');
const PROFILE_DIR = option('--cpu-prof') && resolve(option('--cpu-prof')!);
const SECONDS = QUICK ? 4 : 10;
/** Execute and the Fastify peer in turns of SECONDS / 2 each. */
const PEER_ROUNDS = QUICK ? 2 : 5;
/** Load before the pool's measured runs, for the JIT. */
const WARMUP_SECONDS = QUICK ? 4 : 10;
/**
 * Load on the service and on the peer, one after the other, before their measured turns. The
 * service has far more JavaScript for V8 to optimise than the peer: a few seconds in, its
 * background threads still spend more CPU compiling than its main thread serving (README,
 * Performance), which a short warm-up would charge to every execution.
 */
const HTTP_WARMUP_SECONDS = QUICK ? 15 : 30;
/** The batch route's own warm-up before its rounds, for the same reason. */
const BATCH_WARMUP_SECONDS = QUICK ? 5 : 10;
const STDIN = Buffer.from('hello, benchmark world!\n');
const ADMIN = 'bench-admin-token-0123456789';
const REDIS_URL = 'redis://127.0.0.1:6379';
const LARGE_FUNCTIONS = QUICK ? 12_000 : 24_000;
const LARGE_CALL_EVERY = 8;
const BATCH_RUNS = 100;

/** The ceilings the bench's figures are taken under (the service's defaults are the enterprise tier's, far larger). */
const BENCH_CEILINGS = { MAX_WASM_SIZE: '10MB', MAX_INPUT_SIZE: '1MB', EXECUTION_TIMEOUT: '5', MEMORY_LIMIT: '128MB', MAX_OUTPUT_SIZE: '1MB' };
const limits = loadConfig(BENCH_CEILINGS).ceilings;
const tinyEcho = readFileSync(join(ROOT, 'test/fixtures/wat/tiny-echo.wasm'));

/** The tiny echo as the service runs it: checked, capped, compiled, with the memory its worker supplies. */
async function compiledTinyEcho(): Promise<{ module: WebAssembly.Module; importedMemory: ImportedMemoryLimits | null; refusedGrowExport: string | null }> {
  const { cappedBytes, importedMemory, refusedGrowExport } = checkModule(tinyEcho, { ...limits, maxModuleSource: 'server', tier: 'server ceiling' });
  return { module: await WebAssembly.compile(cappedBytes as Uint8Array<ArrayBuffer>), importedMemory, refusedGrowExport };
}

/** The physical limit: instantiate and run the module with V8 directly, one at a time, on this thread. */
async function rawRps(): Promise<number> {
  const engine = createEngine('default');
  await engine.ready();
  const compiled = await compiledTinyEcho();
  const output = OutputLayout.allocate(limits.maxOutputBytes).buffer;
  let runId = 0;
  const run = () =>
    runModule(engine, { runId: runId++, ...compiled, engine: 'default', argv: ['tiny-echo'], env: {}, stdin: STDIN, files: [], memoryLimitBytes: limits.memoryLimitBytes, maxTableElements: MAX_TABLE_ELEMENTS, clock: 'real', randomSeed: null, output });
  for (let i = 0; i < 500; i++) run();
  return round(await throughput(SECONDS, 1, run), 0);
}

/**
 * The service's worker pool in this process, and one run of the tiny echo on it (all of one
 * account's). `perAccount`: the threads that account may hold; by default the service's share
 * (POOL_MAX_THREADS_PER_ACCOUNT), which leaves one thread for the other accounts.
 */
async function tinyEchoPool(threads: number, perAccount?: number): Promise<{ pool: SandboxPool; run: () => Promise<unknown> }> {
  const share = perAccount === undefined ? {} : { POOL_MAX_THREADS_PER_ACCOUNT: String(perAccount) };
  const pool = new SandboxPool(loadConfig({ ...BENCH_CEILINGS, WORKER_THREADS: String(threads), ...share }));
  const job = { account: 'bench', ...(await compiledTinyEcho()), argv: ['tiny-echo'], env: {}, stdin: STDIN, files: [], limits, maxTableElements: MAX_TABLE_ELEMENTS, clock: 'real' as const, randomSeed: null };
  return { pool, run: () => pool.run(job) };
}

/** The same module through the service's worker pool, from this process: no HTTP, auth, quota or usage. */
async function poolRps(threads: number, perAccount?: number): Promise<{ rps: number; cpu: CpuPerOperation }> {
  const { pool, run } = await tinyEchoPool(threads, perAccount);
  try {
    await throughput(WARMUP_SECONDS, threads * 4, run);
    const { result: rps, cpu } = await cpuPerOperation(process.pid, () => throughput(SECONDS, threads * 4, run), (rps) => rps * SECONDS);
    return { rps: round(rps, 0), cpu };
  } finally {
    await pool.close();
  }
}

const floorOf = ({ route, load, cpu }: HttpLoad) => ({ route, rps: round(load.rps, 0), p50Ms: load.p50Ms, p99Ms: load.p99Ms, machineUs: cpu.machineUs });

/** The main thread's CPU per execution by layer, service and peer, from their profiles over their measured turns. */
function cpuByLayer(dir: string, { servicePid, peerPid }: { servicePid: number; peerPid: number }, windows: Record<string, string[]>, http: HttpLoads) {
  const turns = (name: string) => windows[name].map((range) => ({ fromUs: Number(range.split('-')[0]), toUs: Number(range.split('-')[1]) }));
  const rows = layerTable([
    { shares: layerShares(mainThreadProfile(dir, servicePid), turns('execute')), mainUs: http.execute.cpu.mainUs },
    { shares: layerShares(mainThreadProfile(dir, peerPid), turns('peer')), mainUs: http.peer.cpu.mainUs },
  ]);
  return rows.map(({ layer, us: [execute, peer] }) => ({ layer, execute, peer }));
}

/** The monotonic clock in microseconds, as V8's CPU profiles count time. */
const monotonicUs = () => process.hrtime.bigint() / 1000n;

async function main(): Promise<void> {
  const started = performance.now();
  const threads = loadConfig({}).pool.threads;
  const connections = threads * 4;
  console.log(`bench: ${QUICK ? 'quick' : 'full'} run, ${SECONDS} s per load, ${threads} worker threads, ${connections} connections, node ${process.version}`);
  // Built before any pool exists: a pool caps every wasm memory of this process, wabt's included.
  const large = await buildLargeModule(LARGE_FUNCTIONS, LARGE_CALL_EVERY);
  const raw = await rawRps();
  // How the pool scales, every thread open to the one account; then the baseline: what one
  // account's runs get of the pool as the service shares it (a batch, an execute load).
  const scaling: Record<string, number> = {};
  for (const count of [...new Set([1, 2, threads])]) scaling[count] = (await poolRps(count, count)).rps;
  const { rps: baselineRps, cpu: baselineCpu } = await poolRps(threads);

  const redis = await reachable(6379);
  // The guards themselves, in process (their own service and database, the same Redis), while
  // nothing else runs.
  const guards = await measureGuards(QUICK ? 5000 : 20000, redis ? REDIS_URL : null);

  const database = await createTestDatabase();
  const serviceEnv = {
    DATABASE_URL: database.url,
    ...(redis ? { REDIS_URL } : {}),
    ADMIN_TOKEN: ADMIN,
    API_SALT: 'bench-salt-0123456789abcdef',
    ...BENCH_CEILINGS,
    // Room for the 1 MiB point of the stdin series, echoed back whole.
    MAX_INPUT_SIZE: '2MB',
    MAX_OUTPUT_SIZE: '2MB',
    LOG_LEVEL: 'warn',
    // As `npm start` and the image run it (README, Configuration).
    MALLOC_MMAP_THRESHOLD_: '131072',
  };
  const profileArgs = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const startService = () => startServiceProcess(serviceEnv, 60_000, profileArgs);
  let service = await startService();
  const rssInPhase: Record<string, number> = { start: memoryOf(service.child.pid!, 'VmRSS') };
  const windows: Record<string, string[]> = {};
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const from = monotonicUs();
    // The highest resident memory seen while the phase runs, sampled: tells which phase makes the peak.
    let highest = 0;
    const sample = () => (highest = Math.max(highest, memoryOf(service.child.pid!, 'VmRSS')));
    const sampler = setInterval(sample, 25);
    try {
      return await work();
    } finally {
      clearInterval(sampler);
      sample();
      (windows[name] ??= []).push(`${from}-${monotonicUs()}`);
      rssInPhase[name] = highest;
    }
  };
  const stop = async () => {
    service.child.kill('SIGTERM');
    await service.exited;
  };
  try {
    let client = await BenchClient.enterprise(service.url, ADMIN);
    const key = client.key;

    // Throughput over HTTP: the tiny echo stored once, run by id at a fixed concurrency, after a
    // warm-up long enough for the JIT to settle (as the pool's baseline gets); beside it, the same
    // load on routes that do less.
    const tinyId = await client.upload(tinyEcho, 'tiny-echo');
    const peer = await startFastifyPeer(serviceEnv, profileArgs);
    const profiled = { servicePid: service.child.pid!, peerPid: peer.child.pid! };
    const redisReads = redis ? await redisReadCounter(REDIS_URL) : null;
    const http = await measureHttpLoads({
      peer: { url: peer.url, pid: peer.child.pid! },
      rounds: PEER_ROUNDS,
      url: service.url,
      pid: service.child.pid!,
      auth: client.auth,
      moduleId: tinyId,
      stdin: STDIN.toString(),
      connections,
      seconds: SECONDS / 2,
      warmupSeconds: HTTP_WARMUP_SECONDS,
      ...(redisReads ? { redisReads: redisReads.reads } : {}),
      phase,
    }).finally(() => (redisReads?.close(), peer.stop()));

    // Batch throughput: one request of BATCH_RUNS runs, alternated with the same runs on the pool here.
    const echoPool = await tinyEchoPool(threads);
    const batch = await phase('batch', () =>
      measureBatchThroughput({ client, moduleId: tinyId, stdin: STDIN.toString(), runs: BATCH_RUNS, rounds: QUICK ? 3 : 7, poolRun: echoPool.run, poolConcurrency: threads * 4, warmupSeconds: BATCH_WARMUP_SECONDS }),
    ).finally(() => echoPool.pool.close());

    // An async run's way through the durable queue, one at a time on the otherwise idle service.
    const asyncRun = await phase('asyncRuns', () => measureAsyncLatency(client, tinyId, STDIN.toString(), QUICK ? 20 : 50));

    // Guards over HTTP, side by side on the same server and client: a route without them and one with both.
    const bareRoute = '/health/live';
    const guardedRoute = '/api/v1/me';
    const get = (path: string, headers: Record<string, string> = {}) => () =>
      fetch(`${service.url}${path}`, { headers }).then(async (response) => {
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
      });
    await interleaved(200, get(bareRoute), get(guardedRoute, client.auth));
    const [bare, guarded] = await phase('guardHttp', () => interleaved(QUICK ? 1000 : 3000, get(bareRoute), get(guardedRoute, client.auth)));

    // Cold versus warm, large module: one-shot uploads here; stored modules after a restart below.
    const copies = QUICK ? 3 : 7;
    const repeats = QUICK ? 7 : 21;
    const variants = Array.from({ length: 2 * copies }, (_, i) => moduleVariant(large, i));
    const oneShot = await phase('oneShotColdWarm', () => oneShotColdWarm(client, tinyEcho, variants.slice(0, copies), repeats));
    const storedIds: string[] = [];
    for (const [i, variant] of variants.slice(copies).entries()) storedIds.push(await client.upload(variant, `large-${i}`));

    // Latency against stdin size: the tiny echo by id, sequential, every byte echoed back.
    const stdin = await phase('stdin', async () => {
      const series = [];
      for (const bytes of [1024, 10 * 1024, 100 * 1024, 1024 * 1024]) {
        const body = JSON.stringify({ stdin: 'x'.repeat(bytes) });
        await client.runStored(tinyId, body, bytes);
        const timing = await latencies(QUICK ? 20 : 60, () => client.runStored(tinyId, body, bytes));
        series.push({ bytes, p50Ms: timing.p50Ms, p99Ms: timing.p99Ms });
      }
      return series;
    });
    const rssPeaks = [memoryOf(service.child.pid!, 'VmHWM')];
    // After the peak is read: a 9 MB upload is not what the peak target is about.
    const uploadStalls = await phase('uploadStalls', () => measureUploadStalls(client));

    // A fresh instance on the same database: its compiled-module cache is empty.
    await stop();
    service = await startService();
    client = new BenchClient(service.url, key);
    const stored = await phase('storedColdWarm', () => storedColdWarm(client, tinyId, storedIds, repeats));
    rssPeaks.push(memoryOf(service.child.pid!, 'VmHWM'));
    const machineVersions = await versions(database.url, redis ? REDIS_URL : null);
    await stop();
    // Binary bodies up to 8 MiB, on a service of their own with room for them (after the RSS peak is read).
    const binaryStdin = await measureStdinPaths();

    const partial: Omit<BenchReport, 'targets'> = {
      date: new Date().toISOString(),
      machine: { cpu: cpus()[0]?.model.trim() ?? 'unknown', cpus: availableParallelism(), memoryBytes: totalmem(), node: process.version, ...machineVersions, workerThreads: threads },
      options: { quick: QUICK, secondsPerLoad: SECONDS, warmupSeconds: WARMUP_SECONDS, httpWarmupSeconds: HTTP_WARMUP_SECONDS, batchWarmupSeconds: BATCH_WARMUP_SECONDS, connections },
      raw: { rps: raw },
      baseline: { rps: baselineRps, threads, threadsPerAccount: loadConfig({}).pool.threadsPerAccount, concurrency: threads * 4 },
      batch,
      asyncRun,
      cpuPerRunUs: {
        baseline: { poolCaller: baselineCpu.mainUs, workersAndV8: baselineCpu.otherThreadsUs, machine: baselineCpu.machineUs },
        execute: {
          serviceMain: http.execute.cpu.mainUs,
          serviceWorkersAndV8: http.execute.cpu.otherThreadsUs,
          loadGenerator: http.execute.loadGeneratorUs,
          machine: http.execute.cpu.machineUs,
        },
      },
      peers: { fastify: { ...floorOf(http.peer), serviceMainUs: http.peer.cpu.mainUs, workersAndV8Us: http.peer.cpu.otherThreadsUs } },
      executeMainUs: http.execute.cpu.mainUs,
      binaryStdin,
      execute: { rps: round(http.execute.load.rps, 0), p50Ms: http.execute.load.p50Ms, p99Ms: http.execute.load.p99Ms, connections, non2xx: http.execute.load.non2xx, errors: http.execute.load.errors, redisRoundTrips: http.execute.redisReadsPerOperation ?? null },
      httpFloor: floorOf(http.httpFloor),
      guardedFloor: floorOf(http.guardedFloor),
      executeCeiling: executeCeiling(baselineRps, baselineCpu.machineUs, http.guardedFloor.cpu.machineUs),
      guardOverhead: {
        p50Ms: guards.both.p50Ms,
        p99Ms: guards.both.p99Ms,
        auth: guards.auth,
        quota: guards.quota,
        quotaBackend: guards.quotaBackend,
        http: {
          p50Ms: round(guarded.p50Ms - bare.p50Ms),
          p99Ms: round(guarded.p99Ms - bare.p99Ms),
          bare: { route: `GET ${bareRoute}`, p50Ms: bare.p50Ms, p99Ms: bare.p99Ms },
          guarded: { route: `GET ${guardedRoute}`, p50Ms: guarded.p50Ms, p99Ms: guarded.p99Ms },
        },
      },
      coldMs: stored.coldMs,
      warmMs: stored.warmMs,
      large: {
        bytes: variants[0].length,
        functions: LARGE_FUNCTIONS,
        calledFunctions: Math.ceil(LARGE_FUNCTIONS / LARGE_CALL_EVERY),
        stored,
        oneShot,
      },
      rssPeakBytes: Math.max(...rssPeaks),
      rssInPhaseBytes: rssInPhase,
      threads: scaling,
      stdin,
      uploadStalls,
      durationSeconds: round((performance.now() - started) / 1000, 1),
      ...(PROFILE_DIR ? { profile: { dir: PROFILE_DIR, windows, mainThreadUsByLayer: cpuByLayer(PROFILE_DIR, profiled, windows, http) } } : {}),
    };
    const report: BenchReport = { ...partial, targets: verdicts(partial) };
    printReport(report);
    if (OUT) writeFileSync(OUT, JSON.stringify(report, null, 2) + '\n');
    if (PROFILE_DIR) {
      console.log(`\nprofiles in ${PROFILE_DIR} once the service has stopped; one phase of them:`);
      for (const [name, turns] of Object.entries(windows)) console.log(`  ${name}: node dist/test/bench/profile-summary.js ${PROFILE_DIR} 30 ${turns[0]}`);
    }
  } finally {
    if (service.child.exitCode === null) await stop();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

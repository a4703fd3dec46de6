/**
 * npm run bench [-- --quick] [-- --out FILE] [-- --cpu-prof DIR]
 *
 * The service against its own limits, side by side in one run: the tiny echo module in process
 * (raw), through the worker pool (baseline, at 1, 2 and N threads), and over HTTP with a real
 * key, quota guard and usage recording (execute); what the auth and quota guards add; cold versus
 * warm runs of a large module; latency against stdin size; the service's peak RSS.
 *
 * --cpu-prof DIR starts the service under `node --cpu-prof` (main thread and each worker write a
 * profile into DIR at its stop) and prints each phase's window for profile-summary.js.
 */
import 'reflect-metadata';
import Redis from 'ioredis';
import { readFileSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { loadConfig } from '../../src/config/app-config';
import { checkModule, MAX_TABLE_ELEMENTS } from '../../src/modules/module-validator';
import { SandboxPool } from '../../src/sandbox/sandbox-pool.service';
import { createEngine } from '../../workers/engines';
import { OutputLayout } from '../../workers/protocol';
import { runModule } from '../../workers/run-module';
import { ROOT } from '../support/fixtures';
import { startServiceProcess } from '../support/service-process';
import { createTestDatabase } from '../support/test-database';
import { measureGuards, UNTHROTTLED } from './guard-overhead';
import { buildLargeModule, moduleVariant } from './large-module';
import { interleaved, latencies, load, quantile, round, throughput } from './measure';
import { BenchReport, printReport, verdicts } from './report';

const argv = process.argv.slice(2);
const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : null);
const QUICK = argv.includes('--quick');
const OUT = option('--out');
const PROFILE_DIR = option('--cpu-prof') && resolve(option('--cpu-prof')!);
const SECONDS = QUICK ? 3 : 10;
const STDIN = Buffer.from('hello, benchmark world!\n');
const ADMIN = 'bench-admin-token-0123456789';
const REDIS_URL = 'redis://127.0.0.1:6379';
const LARGE_FUNCTIONS = QUICK ? 12_000 : 24_000;
const LARGE_CALL_EVERY = 8;

const limits = loadConfig({}).ceilings;
const tinyEcho = readFileSync(join(ROOT, 'test/fixtures/wat/tiny-echo.wasm'));

async function compiledTinyEcho(): Promise<WebAssembly.Module> {
  return WebAssembly.compile(checkModule(tinyEcho, limits).cappedBytes as Uint8Array<ArrayBuffer>);
}

/** The physical limit: instantiate and run the module with V8 directly, one at a time, on this thread. */
async function rawRps(): Promise<number> {
  const engine = createEngine('default');
  await engine.ready();
  const module = await compiledTinyEcho();
  const output = OutputLayout.allocate(limits.maxOutputBytes).buffer;
  let runId = 0;
  const run = () =>
    runModule(engine, { runId: runId++, module, engine: 'default', args: ['tiny-echo'], env: {}, stdin: STDIN, files: [], memoryLimitBytes: limits.memoryLimitBytes, maxTableElements: MAX_TABLE_ELEMENTS, output });
  for (let i = 0; i < 500; i++) run();
  return round(await throughput(SECONDS, 1, run), 0);
}

/** The same module through the service's worker pool, from this process: no HTTP, auth, quota or usage. */
async function poolRps(threads: number): Promise<number> {
  const pool = new SandboxPool(loadConfig({ WORKER_THREADS: String(threads) }));
  const module = await compiledTinyEcho();
  const job = { module, args: ['tiny-echo'], env: {}, stdin: STDIN, files: [], limits, maxTableElements: MAX_TABLE_ELEMENTS };
  try {
    await throughput(1, threads * 4, () => pool.run(job));
    return round(await throughput(SECONDS, threads * 4, () => pool.run(job)), 0);
  } finally {
    await pool.close();
  }
}

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => (socket.end(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

function memoryOf(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
}

async function versions(databaseUrl: string, redis: boolean): Promise<{ postgres: string; redis: string | null }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const postgres = (await client.query('SHOW server_version')).rows[0].server_version as string;
  await client.end();
  if (!redis) return { postgres, redis: null };
  const connection = new Redis(REDIS_URL, { lazyConnect: true });
  await connection.connect();
  const info = await connection.info('server');
  connection.disconnect();
  return { postgres, redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown' };
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
  const scaling: Record<string, number> = {};
  for (const count of [...new Set([1, 2, threads])]) scaling[count] = await poolRps(count);

  const redis = await reachable(6379);
  // The guards themselves, in process (their own service and database, the same Redis), while
  // nothing else runs.
  const guards = await measureGuards(QUICK ? 5000 : 20000, redis ? REDIS_URL : null);

  const database = await createTestDatabase();
  const service = await startServiceProcess(
    {
      DATABASE_URL: database.url,
      ...(redis ? { REDIS_URL } : {}),
      ADMIN_TOKEN: ADMIN,
      API_SALT: 'bench-salt-0123456789abcdef',
      // Room for the 1 MiB point of the stdin series, echoed back whole.
      MAX_INPUT_SIZE: '2MB',
      MAX_OUTPUT_SIZE: '2MB',
      LOG_LEVEL: 'warn',
    },
    60_000,
    PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [],
  );
  const pid = service.child.pid!;
  const rssAfterPhase: Record<string, number> = { start: memoryOf(pid, 'VmRSS') };
  const windows: Record<string, string> = {};
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const from = monotonicUs();
    const result = await work();
    windows[name] = `${from}-${monotonicUs()}`;
    rssAfterPhase[name] = memoryOf(pid, 'VmRSS');
    return result;
  };
  try {
    const call = async (method: string, path: string, token: string, body?: unknown) => {
      const response = await fetch(`${service.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = await response.json();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    };
    await call('PATCH', '/api/v1/admin/tiers/enterprise', ADMIN, UNTHROTTLED);
    const account = await call('POST', '/api/v1/admin/accounts', ADMIN, { name: 'bench', tier: 'enterprise' });
    const { key } = await call('POST', `/api/v1/admin/accounts/${account.id}/keys`, ADMIN, {});
    const auth = { authorization: `Bearer ${key}` };
    const upload = async (bytes: Buffer, name: string) => {
      const form = new FormData();
      form.append('wasm', new Blob([new Uint8Array(bytes)]), `${name}.wasm`);
      const response = await fetch(`${service.url}/api/v1/modules`, { method: 'POST', body: form, headers: auth });
      const body = await response.json();
      if (!response.ok) throw new Error(`upload ${name}: ${response.status} ${JSON.stringify(body)}`);
      return body.id as string;
    };
    /** Runs a stored module; fails the bench on anything but success with stdout echoed whole. */
    const runStored = async (id: string, body: string, expectStdoutBytes?: number) => {
      const response = await fetch(`${service.url}/api/v1/modules/${id}/executions`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body });
      const result = await response.json();
      if (result.status !== 'success' || (expectStdoutBytes !== undefined && Buffer.byteLength(result.stdout) !== expectStdoutBytes)) {
        throw new Error(`stored module run: ${response.status} ${JSON.stringify(result).slice(0, 300)}`);
      }
      return result;
    };

    // Throughput over HTTP: the tiny echo stored once, run by id at a fixed concurrency.
    const tinyId = await upload(tinyEcho, 'tiny-echo');
    const executeLoad = { url: `${service.url}/api/v1/modules/${tinyId}/executions`, method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ stdin: STDIN.toString() }), connections };
    await load({ ...executeLoad, seconds: 1 });
    const execute = await phase('execute', () => load({ ...executeLoad, seconds: SECONDS }));
    if (execute.non2xx > 0 || execute.errors > 0) throw new Error(`execute load: ${execute.non2xx} non-2xx answers, ${execute.errors} errors`);

    // Guards over HTTP, side by side on the same server and client: a route without them and one with both.
    const bareRoute = '/health/live';
    const guardedRoute = '/api/v1/me';
    const get = (path: string, headers: Record<string, string> = {}) => () =>
      fetch(`${service.url}${path}`, { headers }).then(async (response) => {
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
      });
    await interleaved(200, get(bareRoute), get(guardedRoute, auth));
    const [bare, guarded] = await phase('guardHttp', () => interleaved(QUICK ? 1000 : 3000, get(bareRoute), get(guardedRoute, auth)));

    // Cold versus warm: one-shot uploads of a large module. The route is warmed first with the
    // tiny echo, so that cold measures the module (check, cap, compile) and not the route's first use.
    const oneShot = async (bytes: Buffer) => {
      const form = new FormData();
      form.append('wasm', new Blob([new Uint8Array(bytes)]), 'large.wasm');
      const response = await fetch(`${service.url}/api/v1/execute`, { method: 'POST', body: form, headers: auth });
      const result = await response.json();
      if (result.status !== 'success') throw new Error(`large module: ${response.status} ${JSON.stringify(result).slice(0, 300)}`);
      return result as { durationMs: number };
    };
    for (let i = 0; i < 20; i++) await oneShot(tinyEcho);
    const timed = async (bytes: Buffer) => {
      const t0 = performance.now();
      const result = await oneShot(bytes);
      return { ms: performance.now() - t0, runMs: result.durationMs };
    };
    const variants = Array.from({ length: QUICK ? 3 : 7 }, (_, i) => moduleVariant(large, i));
    const { colds, warms } = await phase('coldWarm', async () => {
      const colds = [];
      for (const variant of variants) colds.push(await timed(variant));
      const warms = [];
      for (let i = 0; i < (QUICK ? 7 : 21); i++) warms.push(await timed(variants[0]));
      return { colds, warms };
    });
    const median = (values: number[]) => round(quantile(values, 0.5));
    const largeId = await upload(variants[0], 'large');
    const warmById = await latencies(QUICK ? 7 : 21, () => runStored(largeId, '{}'));

    // Latency against stdin size: the tiny echo by id, sequential, every byte echoed back.
    const stdin = await phase('stdin', async () => {
      const series = [];
      for (const bytes of [1024, 10 * 1024, 100 * 1024, 1024 * 1024]) {
        const body = JSON.stringify({ stdin: 'x'.repeat(bytes) });
        await runStored(tinyId, body, bytes);
        const timing = await latencies(QUICK ? 20 : 60, () => runStored(tinyId, body, bytes));
        series.push({ bytes, p50Ms: timing.p50Ms, p99Ms: timing.p99Ms });
      }
      return series;
    });
    const rssPeakBytes = memoryOf(pid, 'VmHWM');
    const machineVersions = await versions(database.url, redis);

    const partial: Omit<BenchReport, 'targets'> = {
      date: new Date().toISOString(),
      machine: { cpu: cpus()[0]?.model.trim() ?? 'unknown', cpus: availableParallelism(), memoryBytes: totalmem(), node: process.version, ...machineVersions, workerThreads: threads },
      options: { quick: QUICK, secondsPerLoad: SECONDS, connections },
      raw: { rps: raw },
      baseline: { rps: scaling[threads], threads, concurrency: threads * 4 },
      execute: { rps: round(execute.rps, 0), p50Ms: execute.p50Ms, p99Ms: execute.p99Ms, connections, non2xx: execute.non2xx, errors: execute.errors },
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
      coldMs: median(colds.map((sample) => sample.ms)),
      warmMs: median(warms.map((sample) => sample.ms)),
      large: {
        bytes: variants[0].length,
        functions: LARGE_FUNCTIONS,
        calledFunctions: Math.ceil(LARGE_FUNCTIONS / LARGE_CALL_EVERY),
        coldSamplesMs: colds.map((sample) => round(sample.ms)),
        warmSamplesMs: warms.map((sample) => round(sample.ms)),
        coldRunMs: median(colds.map((sample) => sample.runMs)),
        warmRunMs: median(warms.map((sample) => sample.runMs)),
        warmByIdMs: warmById.p50Ms,
      },
      rssPeakBytes,
      rssAfterPhaseBytes: rssAfterPhase,
      threads: scaling,
      stdin,
      durationSeconds: round((performance.now() - started) / 1000, 1),
      ...(PROFILE_DIR ? { profile: { dir: PROFILE_DIR, windows } } : {}),
    };
    const report: BenchReport = { ...partial, targets: verdicts(partial) };
    printReport(report);
    if (OUT) writeFileSync(OUT, JSON.stringify(report, null, 2) + '\n');
    if (PROFILE_DIR) {
      console.log(`\nprofiles in ${PROFILE_DIR} once the service has stopped; one phase of them:`);
      for (const [name, window] of Object.entries(windows)) console.log(`  ${name}: node dist/test/bench/profile-summary.js ${PROFILE_DIR} 30 ${window}`);
    }
  } finally {
    service.child.kill('SIGTERM');
    await service.exited;
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

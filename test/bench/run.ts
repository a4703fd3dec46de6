/**
 * npm run bench [-- --quick] [-- --out FILE]
 *
 * The service against its own limits, side by side in one run: the tiny echo module in-process
 * (raw), through the worker pool (baseline, at 1, 2 and N threads), and over HTTP with a real
 * key, quota guard and usage recording (execute); what auth + quota add; cold versus warm runs
 * of a large module; latency against stdin size; the service's peak RSS.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../src/config/app-config';
import { checkModule, MAX_TABLE_ELEMENTS } from '../../src/modules/module-validator';
import { SandboxPool } from '../../src/sandbox/sandbox-pool.service';
import { createEngine } from '../../workers/engines';
import { OutputLayout } from '../../workers/protocol';
import { runModule } from '../../workers/run-module';
import { ROOT } from '../support/fixtures';
import { startServiceProcess } from '../support/service-process';
import { createTestDatabase } from '../support/test-database';
import { buildLargeModule } from './large-module';
import { latencies, load, round, throughput } from './measure';
import { printReport, BenchReport } from './report';

const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const OUT = argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : null;
const SECONDS = QUICK ? 3 : 10;
const STDIN = Buffer.from('hello, benchmark world!\n');
const ADMIN = 'bench-admin-token-0123456789';

const limits = loadConfig({}).ceilings;
const tinyEcho = readFileSync(join(ROOT, 'test/fixtures/wat/tiny-echo.wasm'));

async function compiledTinyEcho(): Promise<WebAssembly.Module> {
  return WebAssembly.compile(checkModule(tinyEcho, limits).cappedBytes as Uint8Array<ArrayBuffer>);
}

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

function redisReachable(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port: 6379 }, () => (socket.end(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

async function main(): Promise<void> {
  const started = performance.now();
  const threads = loadConfig({}).pool.threads;
  console.log(`bench: ${QUICK ? 'quick' : 'full'} run, ${SECONDS} s per load, ${threads} worker threads, node ${process.version}`);
  // Built before any pool exists: a pool caps every wasm memory of this process, wabt's included.
  const large = await buildLargeModule(QUICK ? 12_000 : 24_000);
  const raw = await rawRps();
  const scaling: Record<string, number> = {};
  for (const count of [...new Set([1, 2, threads])]) scaling[count] = await poolRps(count);

  const database = await createTestDatabase();
  const redis = await redisReachable();
  const service = await startServiceProcess({
    DATABASE_URL: database.url,
    ...(redis ? { REDIS_URL: 'redis://127.0.0.1:6379' } : {}),
    ADMIN_TOKEN: ADMIN,
    API_SALT: 'bench-salt-0123456789abcdef',
    MAX_INPUT_SIZE: '2MB',
    LOG_LEVEL: 'warn',
  });
  try {
    const json = (method: string, path: string, token: string, body?: unknown) =>
      fetch(`${service.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then((response) => response.json());
    await json('PATCH', '/api/v1/admin/tiers/enterprise', ADMIN, { requestsPerMinute: 100_000_000, executionsPerDay: 2_000_000_000, maxConcurrency: 10_000 });
    const account = await json('POST', '/api/v1/admin/accounts', ADMIN, { name: 'bench', tier: 'enterprise' });
    const { key } = await json('POST', `/api/v1/admin/accounts/${account.id}/keys`, ADMIN, {});
    const upload = async (bytes: Buffer, name: string) => {
      const form = new FormData();
      form.append('wasm', new Blob([new Uint8Array(bytes)]), `${name}.wasm`);
      return (await fetch(`${service.url}/api/v1/modules`, { method: 'POST', body: form, headers: { authorization: `Bearer ${key}` } }).then((r) => r.json())).id as string;
    };
    const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const tinyId = await upload(tinyEcho, 'tiny-echo');
    const executeUrl = `${service.url}/api/v1/modules/${tinyId}/executions`;
    const executeBody = JSON.stringify({ stdin: STDIN.toString() });
    await load({ url: executeUrl, method: 'POST', headers: auth, body: executeBody, connections: threads * 4, seconds: 1 });
    const execute = await load({ url: executeUrl, method: 'POST', headers: auth, body: executeBody, connections: threads * 4, seconds: SECONDS });

    // Auth + quota, side by side: the same server and client, with and without them.
    const bare = await latencies(1000, () => fetch(`${service.url}/health/live`).then((r) => r.arrayBuffer()));
    const guarded = await latencies(1000, () => fetch(`${service.url}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.arrayBuffer()));
    const guardOverhead = { p50Ms: round(guarded.p50Ms - bare.p50Ms), p99Ms: round(guarded.p99Ms - bare.p99Ms) };

    const runLarge = async () => {
      const form = new FormData();
      form.append('wasm', new Blob([new Uint8Array(large)]), 'large.wasm');
      const response = await fetch(`${service.url}/api/v1/execute`, { method: 'POST', body: form, headers: { authorization: `Bearer ${key}` } });
      const body = await response.json();
      if (body.status !== 'success') throw new Error(`large module: ${JSON.stringify(body).slice(0, 200)}`);
    };
    // Cold: the first one-shot run (upload, validate, cap, compile, run). Warm: the same module
    // run again by id, which finds it compiled in the cache.
    const cold = (await latencies(1, runLarge)).p50Ms;
    const largeId = await upload(large, 'large');
    const runLargeById = () =>
      fetch(`${service.url}/api/v1/modules/${largeId}/executions`, { method: 'POST', headers: auth, body: '{}' }).then((r) => r.json());
    const warm = (await latencies(5, runLargeById)).p50Ms;
    const warmUpload = (await latencies(3, runLarge)).p50Ms;

    const echoId = await upload(readFileSync(join(ROOT, 'examples/echo.wasm')), 'echo');
    const stdinSeries: { bytes: number; p50Ms: number; p99Ms: number }[] = [];
    for (const bytes of [1024, 10 * 1024, 100 * 1024, 1024 * 1024]) {
      const body = JSON.stringify({ stdinBase64: Buffer.alloc(bytes, 7).toString('base64') });
      const timing = await latencies(QUICK ? 10 : 30, () => fetch(`${service.url}/api/v1/modules/${echoId}/executions`, { method: 'POST', headers: auth, body }).then((r) => r.arrayBuffer()));
      stdinSeries.push({ bytes, p50Ms: timing.p50Ms, p99Ms: timing.p99Ms });
    }

    const report: BenchReport = {
      date: new Date().toISOString(),
      machine: { cpus: require('node:os').availableParallelism(), node: process.version, redis, workerThreads: threads },
      raw: { rps: raw },
      baseline: { rps: scaling[threads] },
      execute: { rps: execute.rps, p50Ms: execute.p50Ms, p99Ms: execute.p99Ms, non2xx: execute.non2xx, errors: execute.errors },
      guardOverhead: { ...guardOverhead, bareP50Ms: bare.p50Ms, guardedP50Ms: guarded.p50Ms, bareP99Ms: bare.p99Ms, guardedP99Ms: guarded.p99Ms },
      coldMs: cold,
      warmMs: warm,
      warmUploadMs: warmUpload,
      largeModuleBytes: large.length,
      rssPeakBytes: peakRss(service.child.pid!),
      threads: scaling,
      stdin: stdinSeries,
      durationSeconds: round((performance.now() - started) / 1000, 1),
    };
    printReport(report);
    if (OUT) writeFileSync(OUT, JSON.stringify(report, null, 2));
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

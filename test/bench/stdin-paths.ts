/**
 * npm run bench:stdin [-- --quick]
 *
 * What a stdin of 1 KiB, 100 KiB, 1 MiB and 8 MiB costs on the way in and out: the tiny echo run
 * in the worker pool from this process (no HTTP), and over HTTP by id, the same random bytes sent
 * as JSON (`stdinBase64`, the answer's stdout in base64) and as application/octet-stream (the body
 * is stdin, the answer body raw stdout, the result in headers). Sequential runs; p50 / p99 ms.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/app-config';
import { checkModule, MAX_TABLE_ELEMENTS } from '../../src/wasm-modules/module-validator';
import { SandboxPool } from '../../src/sandbox/sandbox-pool.service';
import { ROOT } from '../support/fixtures';
import { startServiceProcess } from '../support/service-process';
import { createTestDatabase } from '../support/test-database';
import { BenchClient } from './bench-client';
import { latencies, type Latency } from './measure';

const QUICK = process.argv.includes('--quick');
const SIZES = [1024, 100 * 1024, 1024 * 1024, 8 * 1024 * 1024];
const ADMIN = 'bench-admin-token-0123456789';
/** Room for the 8 MiB point, echoed back whole. */
const CEILINGS = { MAX_INPUT_SIZE: '9MB', MAX_OUTPUT_SIZE: '9MB', EXECUTION_TIMEOUT: '30', MEMORY_LIMIT: '128MB' };
const tinyEcho = readFileSync(join(ROOT, 'test/fixtures/wat/tiny-echo.wasm'));

const runsAt = (bytes: number) => (QUICK ? 5 : bytes >= 8 * 1024 * 1024 ? 15 : 40);

export interface StdinPoint {
  bytes: number;
  pool: Latency;
  json: Latency;
  octetStream: Latency;
}

async function poolSeries(): Promise<Latency[]> {
  const config = loadConfig({ ...CEILINGS, WORKER_THREADS: '1' });
  const pool = new SandboxPool(config);
  const { cappedBytes, importedMemory, refusedGrowExport } = checkModule(tinyEcho, { ...config.ceilings, maxModuleSource: 'server', tier: 'bench' });
  const module = await WebAssembly.compile(cappedBytes as Uint8Array<ArrayBuffer>);
  const job = { account: 'bench', module, importedMemory, refusedGrowExport, argv: ['tiny-echo'], env: {}, files: [], limits: config.ceilings, maxTableElements: MAX_TABLE_ELEMENTS, clock: 'real' as const, randomSeed: null };
  try {
    const series: Latency[] = [];
    for (const bytes of SIZES) {
      const stdin = randomBytes(bytes);
      const run = async () => {
        const result = await pool.run({ ...job, stdin });
        if (result.status !== 'success' || result.stdout.length !== bytes) throw new Error(`pool run of ${bytes} bytes: ${result.status} ${result.error}`);
      };
      await run();
      series.push(await latencies(runsAt(bytes), run));
    }
    return series;
  } finally {
    await pool.close();
  }
}

async function jsonRun(client: BenchClient, id: string, stdin: Buffer): Promise<void> {
  const response = await fetch(`${client.url}/api/v1/modules/${id}/executions`, {
    method: 'POST',
    headers: { ...client.auth, 'content-type': 'application/json' },
    body: JSON.stringify({ stdinBase64: stdin.toString('base64') }),
  });
  const result = await response.json();
  if (result.status !== 'success' || Buffer.from(result.stdout, result.stdoutEncoding === 'base64' ? 'base64' : 'utf8').length !== stdin.length) {
    throw new Error(`JSON run: ${response.status} ${JSON.stringify(result).slice(0, 300)}`);
  }
}

async function octetStreamRun(client: BenchClient, id: string, stdin: Buffer): Promise<void> {
  const response = await fetch(`${client.url}/api/v1/modules/${id}/executions`, {
    method: 'POST',
    headers: { ...client.auth, 'content-type': 'application/octet-stream', accept: 'application/octet-stream' },
    body: new Uint8Array(stdin),
  });
  const stdout = Buffer.from(await response.arrayBuffer());
  if (response.headers.get('wasmwiz-status') !== 'success' || stdout.length !== stdin.length) {
    throw new Error(`octet-stream run: ${response.status} ${response.headers.get('wasmwiz-status')} ${stdout.subarray(0, 300).toString()}`);
  }
}

export async function measureStdinPaths(): Promise<StdinPoint[]> {
  const pool = await poolSeries();
  const database = await createTestDatabase();
  const service = await startServiceProcess({ DATABASE_URL: database.url, ADMIN_TOKEN: ADMIN, API_SALT: 'bench-salt-0123456789abcdef', LOG_LEVEL: 'warn', MALLOC_MMAP_THRESHOLD_: '131072', ...CEILINGS });
  try {
    const client = await BenchClient.enterprise(service.url, ADMIN);
    const id = await client.upload(tinyEcho, 'tiny-echo');
    const points: StdinPoint[] = [];
    for (const [index, bytes] of SIZES.entries()) {
      const stdin = randomBytes(bytes);
      await jsonRun(client, id, stdin);
      await octetStreamRun(client, id, stdin);
      const json = await latencies(runsAt(bytes), () => jsonRun(client, id, stdin));
      const octetStream = await latencies(runsAt(bytes), () => octetStreamRun(client, id, stdin));
      points.push({ bytes, pool: pool[index], json, octetStream });
    }
    return points;
  } finally {
    service.child.kill('SIGTERM');
    await service.exited;
    await database.drop();
  }
}

const pair = (latency: Latency) => `${latency.p50Ms.toFixed(1)} / ${latency.p99Ms.toFixed(1)}`;

if (require.main === module) {
  measureStdinPaths().then(
    (points) => {
      console.log('stdin        pool          JSON (base64)   octet-stream   (p50 / p99 ms)');
      for (const point of points) {
        console.log(`${`${point.bytes / 1024} KiB`.padEnd(12)} ${pair(point.pool).padEnd(13)} ${pair(point.json).padEnd(15)} ${pair(point.octetStream)}`);
      }
    },
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}

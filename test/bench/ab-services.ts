/**
 * node dist/test/bench/ab-services.js OTHER_ROOT [ROUNDS] [SECONDS] [--batch]
 *
 * Two builds of the service side by side (this tree's and OTHER_ROOT's dist/src/main.js), plus the
 * plain Fastify peer, loaded in turns (A, B, peer, A, B, peer, …) on the stored tiny echo, so the
 * machine's noise weighs on all three alike; prints each one's executions/s and main-thread CPU
 * per execution, and their ratios. For before → after figures of a change. With `--batch` the
 * two builds get waited batches of BATCH_RUNS runs instead, one after another, and no peer.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/fixtures';
import { freePort } from '../support/service-process';
import { createTestDatabase } from '../support/test-database';
import { BenchClient } from './bench-client';
import { PEER_ROUTE } from './fastify-peer';
import { load } from './measure';
import { startFastifyPeer } from './peer-process';
import { cpuPerOperation } from './thread-cpu';

const batchMode = process.argv.includes('--batch');
const [otherRoot, roundsText = '4', secondsText = '4'] = process.argv.slice(2).filter((arg) => arg !== '--batch');
const BATCH_RUNS = 100;
const ADMIN = 'bench-admin-token-0123456789';
const CEILINGS = { MAX_WASM_SIZE: '10MB', MAX_INPUT_SIZE: '1MB', EXECUTION_TIMEOUT: '5', MEMORY_LIMIT: '128MB', MAX_OUTPUT_SIZE: '1MB' };
const BODY = JSON.stringify({ stdin: 'hello, benchmark world!\n' });
const BATCH_BODY = JSON.stringify({ runs: Array.from({ length: BATCH_RUNS }, () => JSON.parse(BODY)) });

async function startBuild(root: string, databaseUrl: string) {
  const port = await freePort();
  const env = { PATH: process.env.PATH ?? '', SERVER_HOST: '127.0.0.1', SERVER_PORT: String(port), DATABASE_URL: databaseUrl, REDIS_URL: 'redis://127.0.0.1:6379', ADMIN_TOKEN: ADMIN, API_SALT: 'bench-salt-0123456789abcdef', LOG_LEVEL: 'warn', MALLOC_MMAP_THRESHOLD_: '131072', ...CEILINGS };
  const child = spawn(process.execPath, [join(root, 'dist/src/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const read = (chunk: Buffer) => ((output += chunk), /serving the API/.test(output) && resolve());
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', () => reject(new Error(output)));
  });
  const url = `http://127.0.0.1:${port}`;
  const client = await BenchClient.enterprise(url, ADMIN);
  const id = await client.upload(readFileSync(join(ROOT, 'test/fixtures/wat/tiny-echo.wasm')), 'tiny-echo');
  return { child, client, moduleId: id, url: `${url}/api/v1/modules/${id}/executions`, headers: { ...client.auth, 'content-type': 'application/json' } };
}

interface Target {
  name: string;
  pid: number;
  /** Loads the target for about `seconds`: how many operations it did, and how many a second. */
  work(seconds: number): Promise<{ operations: number; rate: number }>;
}

function executions(name: string, pid: number, url: string, headers: Record<string, string>): Target {
  const work = async (seconds: number) => {
    const result = await load({ url, method: 'POST', headers, body: BODY, connections: 16, seconds });
    if (result.non2xx || result.errors) throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return { operations: result.rps * seconds, rate: result.rps };
  };
  return { name, pid, work };
}

function batches(name: string, build: Awaited<ReturnType<typeof startBuild>>): Target {
  const work = async (seconds: number) => {
    const started = performance.now();
    let runs = 0;
    do {
      await build.client.runBatch(build.moduleId, BATCH_BODY, BATCH_RUNS);
      runs += BATCH_RUNS;
    } while (performance.now() - started < seconds * 1000);
    return { operations: runs, rate: runs / ((performance.now() - started) / 1000) };
  };
  return { name, pid: build.child.pid!, work };
}

async function main(): Promise<void> {
  const rounds = Number(roundsText);
  const seconds = Number(secondsText);
  const databases = [await createTestDatabase(), await createTestDatabase()];
  const a = await startBuild(ROOT, databases[0].url);
  const b = await startBuild(otherRoot, databases[1].url);
  const peer = batchMode ? null : await startFastifyPeer(CEILINGS);
  const targets: Target[] = batchMode
    ? [batches('this tree', a), batches(otherRoot, b)]
    : [
        executions('this tree', a.child.pid!, a.url, a.headers),
        executions(otherRoot, b.child.pid!, b.url, b.headers),
        executions('fastify peer', peer!.child.pid!, `${peer!.url}${PEER_ROUTE}`, { 'content-type': 'application/json' }),
      ];
  const totals = targets.map(() => ({ rps: 0, mainUs: 0, machineUs: 0 }));
  try {
    // Long enough for V8 to have optimised the service's request path (see HTTP_WARMUP_SECONDS in run.ts).
    for (const target of targets) await target.work(15);
    for (let round = 0; round < rounds; round++) {
      for (const [i, target] of targets.entries()) {
        const { result, cpu } = await cpuPerOperation(target.pid, () => target.work(seconds), (done) => done.operations);
        const rps = result.rate;
        totals[i].rps += rps / rounds;
        totals[i].mainUs += cpu.mainUs / rounds;
        totals[i].machineUs += cpu.machineUs / rounds;
        console.log(`round ${round + 1} ${target.name}: ${Math.round(rps)} rps, main ${cpu.mainUs}, other threads ${cpu.otherThreadsUs}, machine ${cpu.machineUs} µs/exec`);
      }
    }
    for (const [i, target] of targets.entries()) console.log(`${target.name}: ${Math.round(totals[i].rps)} rps, main thread ${Math.round(totals[i].mainUs)}, machine ${Math.round(totals[i].machineUs)} µs per execution`);
    const versusPeer = peer ? `; this tree / peer ${Math.round((100 * totals[0].rps) / totals[2].rps)} %, other / peer ${Math.round((100 * totals[1].rps) / totals[2].rps)} %` : '';
    console.log(`this tree / other: ${(totals[0].rps / totals[1].rps).toFixed(2)} × rps${versusPeer}`);
  } finally {
    const exits = [a.child, b.child].map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve))));
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    await Promise.all([...exits, peer?.stop()]);
    await Promise.all(databases.map((database) => database.drop()));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

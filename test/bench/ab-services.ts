/**
 * node dist/test/bench/ab-services.js OTHER_ROOT [ROUNDS] [SECONDS]
 *
 * Two builds of the service side by side (this tree's and OTHER_ROOT's dist/src/main.js), plus the
 * plain Fastify peer, loaded in turns (A, B, peer, A, B, peer, …) on the stored tiny echo, so the
 * machine's noise weighs on all three alike; prints each one's executions/s and main-thread CPU
 * per execution, and their ratios. For before → after figures of a change.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
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

const [otherRoot, roundsText = '4', secondsText = '4'] = process.argv.slice(2);
const ADMIN = 'bench-admin-token-0123456789';
const CEILINGS = { MAX_WASM_SIZE: '10MB', MAX_INPUT_SIZE: '1MB', EXECUTION_TIMEOUT: '5', MEMORY_LIMIT: '128MB', MAX_OUTPUT_SIZE: '1MB' };
const BODY = JSON.stringify({ stdin: 'hello, benchmark world!\n' });

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
  return { child, url: `${url}/api/v1/modules/${id}/executions`, headers: { ...client.auth, 'content-type': 'application/json' } };
}

async function main(): Promise<void> {
  const rounds = Number(roundsText);
  const seconds = Number(secondsText);
  const databases = [await createTestDatabase(), await createTestDatabase()];
  const a = await startBuild(ROOT, databases[0].url);
  const b = await startBuild(otherRoot, databases[1].url);
  const peer = await startFastifyPeer(CEILINGS);
  const targets = [
    { name: 'this tree', pid: a.child.pid!, url: a.url, headers: a.headers },
    { name: otherRoot, pid: b.child.pid!, url: b.url, headers: b.headers },
    { name: 'fastify peer', pid: peer.child.pid!, url: `${peer.url}${PEER_ROUTE}`, headers: { 'content-type': 'application/json' } },
  ];
  const totals = targets.map(() => ({ rps: 0, mainUs: 0 }));
  try {
    // Long enough for V8 to have optimised the service's request path (see HTTP_WARMUP_SECONDS in run.ts).
    for (const target of targets) await load({ url: target.url, method: 'POST', headers: target.headers, body: BODY, connections: 16, seconds: 15 });
    for (let round = 0; round < rounds; round++) {
      for (const [i, target] of targets.entries()) {
        const { result, cpu } = await cpuPerOperation(target.pid, () => load({ url: target.url, method: 'POST', headers: target.headers, body: BODY, connections: 16, seconds }), (done) => done.rps * seconds);
        if (result.non2xx || result.errors) throw new Error(`${target.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
        totals[i].rps += result.rps / rounds;
        totals[i].mainUs += cpu.mainUs / rounds;
        console.log(`round ${round + 1} ${target.name}: ${Math.round(result.rps)} rps, main ${cpu.mainUs} µs/exec`);
      }
    }
    for (const [i, target] of targets.entries()) console.log(`${target.name}: ${Math.round(totals[i].rps)} rps, main thread ${Math.round(totals[i].mainUs)} µs per execution`);
    console.log(`this tree / other: ${(totals[0].rps / totals[1].rps).toFixed(2)} × rps; this tree / peer ${Math.round((100 * totals[0].rps) / totals[2].rps)} %, other / peer ${Math.round((100 * totals[1].rps) / totals[2].rps)} %`);
  } finally {
    const exits = [a.child, b.child].map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve))));
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    await Promise.all([...exits, peer.stop()]);
    await Promise.all(databases.map((database) => database.drop()));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

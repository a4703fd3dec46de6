/**
 * The obvious hand-written route in front of the same pool: a plain Fastify server that runs the
 * tiny echo (checked, capped and compiled as the service does) in the service's SandboxPool and
 * worker, with the request's JSON `stdin`; no auth, quota or records. Run as a process of its own
 * by the bench (its port on stdout), so its main thread's CPU is measured as the service's is.
 */
import 'reflect-metadata';
import Fastify from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/app-config';
import { SandboxPool } from '../../src/sandbox/sandbox-pool.service';
import { checkModule, MAX_TABLE_ELEMENTS } from '../../src/wasm-modules/module-validator';
import { ROOT } from '../support/fixtures';

export const PEER_ROUTE = '/run';

async function main(): Promise<void> {
  const config = loadConfig(JSON.parse(process.env.PEER_CEILINGS ?? '{}'));
  const pool = new SandboxPool(config);
  const { cappedBytes, importedMemory, refusedGrowExport } = checkModule(readFileSync(join(ROOT, 'test/fixtures/wat/tiny-echo.wasm')), {
    ...config.ceilings,
    maxModuleSource: 'server',
    tier: 'server ceiling',
  });
  const module = await WebAssembly.compile(cappedBytes as Uint8Array<ArrayBuffer>);
  const job = { account: 'peer', module, importedMemory, refusedGrowExport, argv: ['tiny-echo'], env: {}, files: [], limits: config.ceilings, maxTableElements: MAX_TABLE_ELEMENTS, clock: 'real' as const, randomSeed: null };
  const app = Fastify();
  app.post<{ Body: { stdin?: string } }>(PEER_ROUTE, async (request) => {
    const result = await pool.run({ ...job, stdin: Buffer.from(request.body.stdin ?? '') });
    return { status: result.status, exitCode: result.exitCode, stdout: result.stdout.toString(), stderr: result.stderr.toString(), durationMs: result.durationMs };
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  console.log(`peer listening at ${address}`);
  process.once('SIGTERM', () => void app.close().then(() => pool.close()).then(() => process.exit(0)));
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

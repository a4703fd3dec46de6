/**
 * Storing a 30 MB module on the embedded default (no DATABASE_URL): how long the upload takes,
 * how its parts split (the check, the pieces written to the database), how `/api/v1/me` answers
 * meanwhile, an unchanged re-upload and the first run. `npm run build && node
 * dist/test/bench/module-store.js [MiB]`.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModuleBlobStore } from '../../src/wasm-modules/module-blob-store';
import { CompiledModuleCache } from '../../src/wasm-modules/compiled-module-cache.service';
import type { ModuleCaps } from '../../src/wasm-modules/module-validator';
import { example } from '../support/fixtures';
import { uploadModule } from '../support/http';
import { call, startTestApp } from '../support/test-app';
import { padded } from '../support/wasm-modules';

const MiB = 1024 * 1024;

async function timed<T>(step: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await step();
  return { ms: Math.round(performance.now() - started), value };
}

/** Latencies of `GET /api/v1/me`, one after another, until `done` settles. */
async function meLatencies(url: string, key: string, done: Promise<unknown>): Promise<{ count: number; failed: number; p50: number; max: number }> {
  let settled = false;
  void done.finally(() => (settled = true)).catch(() => undefined);
  const latencies: number[] = [];
  let failed = 0;
  while (!settled) {
    const { ms, value } = await timed(() => call(url, 'GET', '/api/v1/me', key));
    latencies.push(ms);
    if (value.status !== 200) failed++;
  }
  latencies.sort((a, b) => a - b);
  return { count: latencies.length, failed, p50: latencies[latencies.length >> 1] ?? 0, max: latencies[latencies.length - 1] ?? 0 };
}

async function main(): Promise<void> {
  const size = Number(process.argv[2] ?? 30) * MiB;
  const dataDir = mkdtempSync(join(tmpdir(), 'wasmwiz-bench-store-'));
  const service = await startTestApp({ DATABASE_URL: '', DATA_DIR: dataDir });
  try {
    const { key } = await service.createKey('enterprise');
    const report: Record<string, unknown> = { moduleBytes: size, loadAverageAtStart: loadavg()[0].toFixed(1) };
    const alone = padded(example('echo'), size, size);
    report.storeAloneMs = (await timed(() => uploadModule(service.url, key, alone, 'alone'))).ms;

    const polled = padded(example('echo'), size, size);
    const store = timed(() => uploadModule(service.url, key, polled, 'polled'));
    const me = await meLatencies(service.url, key, store);
    const stored = await store;
    report.storeWhilePollingMs = stored.ms;
    report.meWhileStoring = me;
    report.reuploadMs = (await timed(() => uploadModule(service.url, key, polled, 'polled'))).ms;
    report.firstRunMs = (await timed(() => call(service.url, 'POST', `/api/v1/modules/polled/executions`, key, { stdin: 'x' }))).ms;

    // The parts of a store, one after another: the check (in its worker thread), then the pieces.
    const parts = padded(example('echo'), size, size);
    const sha256 = createHash('sha256').update(parts).digest('hex');
    const caps = { maxModuleBytes: 2 * size, maxModuleSource: 'tier', memoryLimitBytes: 128 * MiB, tier: 'enterprise' } as ModuleCaps;
    report.checkMs = (await timed(() => service.app.get(CompiledModuleCache).check(Buffer.from(parts), sha256, caps))).ms;
    report.piecesWriteMs = (await timed(() => service.app.get(ModuleBlobStore).ensure(sha256, parts))).ms;
    report.piecesReadMs = (await timed(() => service.app.get(ModuleBlobStore).read(sha256))).ms;
    report.loadAverageAtEnd = loadavg()[0].toFixed(1);
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await service.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

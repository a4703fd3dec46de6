/**
 * npm run conformance:compare — both WASI engines side by side in one run: the official
 * wasi-testsuite (../shared/wasi-testsuite/{c,rust,assemblyscript}) through the HTTP API, a
 * service started per engine, and the in-process time of one run of a tiny module on each. Prints
 * each engine's failures, then the markdown table the README records.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ENGINE, ENGINE_NAMES } from '../../workers/engines';
import { timeEngine, WORKLOADS } from '../bench/engines';
import { repositoryRoot } from '../support/fixtures';
import { report, startOwnService } from './run';
import { runAll, summarize } from './runner';
import { defaultSuiteDirs, loadSuite } from './suite';

const TIMED_RUNS = 3000;

const PACKAGES: Record<string, string> = { wasmer: '@wasmer/wasi', browser_wasi_shim: '@bjorn3/browser_wasi_shim' };

function label(engine: string): string {
  const name = PACKAGES[engine];
  const manifest = name ? join(repositoryRoot() ?? '.', 'node_modules', name, 'package.json') : null;
  const version = manifest ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : '';
  return `\`${engine}\` (${name ? `${name} ${version}` : 'unknown'})${engine === DEFAULT_ENGINE ? ', default' : ''}`;
}

async function main(): Promise<void> {
  const tests = defaultSuiteDirs().flatMap(loadSuite);
  const rows: string[] = [];
  for (const engine of ENGINE_NAMES) {
    const service = await startOwnService(engine);
    let results;
    try {
      results = await runAll(service.client, tests, 4);
    } finally {
      await service.stop();
    }
    console.log(`## ${engine}\n${report(results)}\n`);
    const counts = summarize(results);
    const [tiny, hello] = [await timeEngine(engine, WORKLOADS[0], TIMED_RUNS), await timeEngine(engine, WORKLOADS[1], TIMED_RUNS)];
    const us = (ms: number) => `${Math.round(ms * 1000)} µs`;
    rows.push(`| ${label(engine)} | ${counts.passed} | ${counts.failed} | ${counts.skipped} | ${us(tiny.median)} | ${us(hello.median)} |`);
  }
  const machine = `${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), node ${process.version}`;
  console.log(`${new Date().toISOString().slice(0, 10)}, ${machine}, ${tests.length} tests, ${TIMED_RUNS} timed runs\n`);
  console.log('| engine | passed | failed | skipped | tiny-echo run (median) | hello.c run (median) |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  console.log(rows.join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

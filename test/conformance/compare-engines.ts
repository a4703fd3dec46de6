/**
 * npm run conformance:compare — both WASI engines side by side in one run: the official
 * wasi-testsuite through the HTTP API (a service started per engine) and the in-process time of
 * a tiny module. Prints the markdown table the README records.
 */
import { join } from 'node:path';
import { ENGINE_NAMES } from '../../workers/engines';
import { timeEngine, WORKLOADS } from '../bench/engines';
import { ROOT } from '../support/fixtures';
import { startOwnService } from './run';
import { runAll, summarize } from './runner';
import { loadSuite } from './suite';

async function main(): Promise<void> {
  const suites = ['c', 'rust', 'assemblyscript'].map((suite) => join(ROOT, '..', 'shared', 'wasi-testsuite', suite));
  const tests = suites.flatMap(loadSuite);
  const rows: string[] = [];
  for (const engine of ENGINE_NAMES) {
    const service = await startOwnService(engine);
    let counts;
    try {
      counts = summarize(await runAll(service.client, tests, 4));
    } finally {
      await service.stop();
    }
    const [tiny, hello] = [await timeEngine(engine, WORKLOADS[0], 3000), await timeEngine(engine, WORKLOADS[1], 3000)];
    const us = (ms: number) => `${Math.round(ms * 1000)} µs`;
    rows.push(`| ${engine} | ${counts.passed} | ${counts.failed} | ${counts.skipped} | ${us(tiny.median)} | ${us(hello.median)} |`);
  }
  console.log(`${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${tests.length} tests\n`);
  console.log('| engine | passed | failed | skipped | tiny-echo run (median) | hello.c run (median) |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  console.log(rows.join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

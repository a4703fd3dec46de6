import { readFileSync } from 'node:fs';
import { ENGINE_NAMES } from '../../workers/engines';
import { differenceOn, FIDELITY_CASES, FLOOD_CAP, FidelityCase } from '../fidelity/cases';
import { comparable, expectedFromNodeWasi } from '../fidelity/compare';
import { golden, Golden, GOLDEN_PATH } from '../fidelity/golden';
import { NodeWasiOutcome, runOnNodeWasi } from '../fidelity/node-wasi';
import { ThreadRunner } from '../support/thread-runner';

/**
 * The fidelity cases (test/fidelity/cases.ts) on every engine, in process: stdout, stderr and
 * exit code byte for byte as node:wasi answers them with piped stdio, which each test run asks
 * node:wasi again (and checks against the recorded test/fixtures/fidelity/golden.json). A
 * difference an engine is known for (ENGINE_DIFFERENCES) must still be there.
 */

let runner: ThreadRunner;
const nodeWasi = new Map<string, NodeWasiOutcome>();

beforeAll(async () => {
  runner = new ThreadRunner();
  for (const test of FIDELITY_CASES) nodeWasi.set(test.name, await runOnNodeWasi(test));
}, 120_000);

afterAll(async () => {
  await runner.stop();
});

test.each(FIDELITY_CASES)('node:wasi still answers $name as golden.json records', ({ name }) => {
  const recorded = JSON.parse(readFileSync(GOLDEN_PATH, 'utf8')) as Record<string, Golden>;
  expect(golden(nodeWasi.get(name)!)).toEqual(recorded[name]);
});

describe.each(ENGINE_NAMES)('engine %s', (engine) => {
  test.each(FIDELITY_CASES)('$name answers as under node:wasi', async (test: FidelityCase) => {
    const result = await runner.run(engine, test.wasm, {
      args: [`${test.name}.wasm`, ...(test.args ?? [])],
      stdin: Buffer.from(test.stdin ?? ''),
      outputCap: FLOOD_CAP,
    });
    const expected = expectedFromNodeWasi(test, nodeWasi.get(test.name)!, FLOOD_CAP);
    if (differenceOn(engine, test)) return expect(comparable(result)).not.toEqual(expected);
    expect(comparable(result)).toEqual(expected);
    if (test.trap) expect(result.error).toMatch(test.trap);
  });
});

/**
 * npm run fidelity:golden — runs every fidelity case (cases.ts) under node:wasi with piped stdio
 * and writes what it answered to test/fixtures/fidelity/golden.json: exit code, and for stdout and
 * stderr their length, sha256 and (when short) text. The tests run node:wasi again and check
 * that it still answers this, then compare the service with it.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../support/fixtures';
import { FIDELITY_CASES } from './cases';
import { NodeWasiOutcome, runOnNodeWasi } from './node-wasi';

export const GOLDEN_PATH = join(repositoryRoot() ?? process.cwd(), 'test', 'fixtures', 'fidelity', 'golden.json');
const TEXT_UP_TO = 4096;

export interface GoldenStream {
  bytes: number;
  sha256: string;
  text?: string;
}

export interface Golden {
  exitCode: number | null;
  stdout: GoldenStream;
  stderr: GoldenStream;
}

function stream(bytes: Buffer): GoldenStream {
  const summary: GoldenStream = { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  if (bytes.length <= TEXT_UP_TO) summary.text = bytes.toString('utf8');
  return summary;
}

/** What golden.json records of one node:wasi run. */
export function golden(outcome: NodeWasiOutcome): Golden {
  return { exitCode: outcome.exitCode, stdout: stream(outcome.stdout), stderr: stream(outcome.stderr) };
}

async function main(): Promise<void> {
  const goldens: Record<string, Golden> = {};
  for (const test of FIDELITY_CASES) goldens[test.name] = golden(await runOnNodeWasi(test));
  writeFileSync(GOLDEN_PATH, `${JSON.stringify(goldens, null, 2)}\n`);
  console.log(`wrote ${Object.keys(goldens).length} cases to ${GOLDEN_PATH}`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

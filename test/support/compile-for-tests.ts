/**
 * Jest's global setup: compiles, for every source newer than its compiled file, what the service
 * loads by path (worker threads, child processes, migrations, the service itself as a child
 * process) into the tests' build (TEST_BUILD), so that it runs the code under test without
 * waiting for `tsc`. Each file is compiled on its own by swc with the options @swc/jest uses.
 * dist/ is left to tsc: what `npm start` and the image run is never a test build.
 */
import { type Options, transformFile } from '@swc/core';
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { COMPILED_ROOT, PROJECT_ROOT } from '../../src/common/paths';

const swcOptions: Options = require('../swc-options');

const SOURCE_FOLDERS = ['src', 'workers', 'migrations', 'test'];

function typescriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typescriptFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function modifiedMs(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

/** Written beside and renamed into place: a process loading the file never sees half of it. */
function writeWhole(path: string, text: string): void {
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, text);
  renameSync(partial, path);
}

async function compile(source: string, output: string): Promise<void> {
  const { code, map } = await transformFile(source, { ...swcOptions, filename: source, sourceFileName: relative(dirname(output), source) });
  mkdirSync(dirname(output), { recursive: true });
  if (map) writeWhole(`${output}.map`, map);
  writeWhole(output, map ? `${code}\n//# sourceMappingURL=${basename(output)}.map\n` : code);
}

export default async function compileForTests(): Promise<void> {
  // A change of the options makes every file stale.
  const optionsChanged = modifiedMs(require.resolve('../swc-options'));
  const stale = SOURCE_FOLDERS.flatMap((folder) => typescriptFiles(join(PROJECT_ROOT, folder)))
    .map((source) => ({ source, output: join(COMPILED_ROOT, relative(PROJECT_ROOT, source)).replace(/\.ts$/, '.js') }))
    .filter(({ source, output }) => modifiedMs(output) < Math.max(modifiedMs(source), optionsChanged));
  await Promise.all(stale.map(({ source, output }) => compile(source, output)));
}

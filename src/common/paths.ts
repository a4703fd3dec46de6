import { extname, join, resolve, sep } from 'node:path';

/**
 * Where the tests compile, with swc, what the service loads by path (test/support/compile-for-tests.ts),
 * relative to the project root. dist/ stays tsc's production build alone.
 */
export const TEST_BUILD = join('node_modules', '.cache', 'wasmwiz-tests');

/** The tests run the TypeScript sources (through @swc/jest); the service runs compiled. */
const FROM_SOURCES = extname(__filename) === '.ts';
/** The folder holding this file's src/common/: the project, dist/, or the tests' build. */
const OWN_TREE = resolve(__dirname, '..', '..');

/** The repository (or the image's /app). */
export const PROJECT_ROOT = FROM_SOURCES ? OWN_TREE : OWN_TREE.endsWith(sep + TEST_BUILD) ? OWN_TREE.slice(0, -TEST_BUILD.length - 1) : resolve(OWN_TREE, '..');

/**
 * The compiled tree that worker threads, child processes and migrations are loaded from: this
 * process's own one, or the tests' build when this process runs the sources.
 */
export const COMPILED_ROOT = FROM_SOURCES ? join(PROJECT_ROOT, TEST_BUILD) : OWN_TREE;

/** A file of the project as it is checked in: public/, examples/, src/cli/api-schema.ts. */
export function projectFile(...fromRoot: string[]): string {
  return join(PROJECT_ROOT, ...fromRoot);
}

/** The compiled JavaScript of a source file, named by its path from the root without extension. */
export function compiledFile(...fromRoot: string[]): string {
  return join(COMPILED_ROOT, ...fromRoot) + '.js';
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { COMPILED_ROOT, PROJECT_ROOT } from '../../src/common/paths';

/** The project root, from the sources or any compiled tree alike. */
export const ROOT = PROJECT_ROOT;

/**
 * A script named by its path in the build (`dist/src/main.js`, as package.json and operators name
 * it), taken from the tree the tests compiled, so that it runs the code under test.
 */
export function builtScript(pathInDist: string): string {
  return join(COMPILED_ROOT, relative('dist', pathInDist));
}

/**
 * The repository root found by walking up from `from` to the package.json named "wasmwiz", so it
 * holds wherever the file was compiled to; null when there is none above.
 */
export function repositoryRoot(from: string = __dirname): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'wasmwiz') return dir;
    if (dirname(dir) === dir) return null;
  }
}

export function example(name: string): Buffer {
  return readFileSync(join(ROOT, 'examples', `${name}.wasm`));
}

export function hostile(name: string): Buffer {
  return readFileSync(join(ROOT, 'test', 'fixtures', 'hostile', `${name}.wasm`));
}

export function watFixture(name: string): Buffer {
  return readFileSync(join(ROOT, 'test', 'fixtures', 'wat', `${name}.wasm`));
}

export function cFixture(name: string): Buffer {
  return readFileSync(join(ROOT, 'test', 'fixtures', 'c', `${name}.wasm`));
}

/** What test/fixtures/c/write-files.c leaves besides big.bin, path -> text. */
export const WRITE_FILES_LEAVES = {
  'out.txt': 'out\n',
  'dist/a.js': "console.log('a');\n",
  'dist/sub/b.js': "console.log('b');\n",
  'dist/style.css': 'body {}\n',
  'dist/.hidden.js': 'hidden\n',
  'empty.txt': '',
};

/** The big.bin of `bytes` bytes that write-files.c leaves: byte i is i % 251. */
export function writeFilesBig(bytes: number): Buffer {
  return Buffer.from(Uint8Array.from({ length: bytes }, (_, i) => i % 251));
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project root, from dist/test/support or test/support alike. */
export const ROOT = join(__dirname, __dirname.includes(`${join('dist', 'test')}`) ? '../../..' : '../..');

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

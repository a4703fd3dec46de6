import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The project root, from dist/test/support or test/support alike. */
export const ROOT = join(__dirname, __dirname.includes(`${join('dist', 'test')}`) ? '../../..' : '../..');

export function example(name: string): Buffer {
  return readFileSync(join(ROOT, 'examples', `${name}.wasm`));
}

export function hostile(name: string): Buffer {
  return readFileSync(join(ROOT, 'test', 'fixtures', 'hostile', `${name}.wasm`));
}

export function watFixture(name: string): Buffer {
  return readFileSync(join(ROOT, 'test', 'fixtures', 'wat', `${name}.wasm`));
}

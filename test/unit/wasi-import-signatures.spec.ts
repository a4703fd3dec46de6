import { HttpStatus } from '@nestjs/common';
import { ModuleRefusal } from '../../src/wasm-modules/module-refusal';
import { checkModule, ModuleCaps } from '../../src/wasm-modules/module-validator';
import { functionImportTypes } from '../../src/common/wasm-binary';
import { formatSignature, WASI_FUNCTIONS, WASI_PREVIEW1_SIGNATURES, WASI_SIGNATURES } from '../../src/common/wasi-imports';
import { wasmName, wasmSection, wasmVector } from '../support/wasm-modules';
import { watAssembler } from '../support/wat';

const { wat } = watAssembler();

const caps: ModuleCaps = { maxModuleBytes: 8 << 20, maxModuleSource: 'tier', memoryLimitBytes: 32 << 20, tier: 'free' };

/** A WASI command importing `namespace.name` with the type `type` (WAT params and results). */
const importing = (namespace: string, name: string, type: string) =>
  wat(`(module
    (import "${namespace}" "${name}" (func ${type}))
    (memory 1) (export "memory" (memory 0))
    (func (export "_start")))`);

function refusal(bytes: Uint8Array): ModuleRefusal {
  try {
    checkModule(bytes, caps);
  } catch (error) {
    if (error instanceof ModuleRefusal) return error;
    throw error;
  }
  throw new Error('the module was accepted');
}

describe('WASI import signatures', () => {
  it('refuses fd_write imported with wrong parameter and result types, naming both signatures', () => {
    const bytes = wat(`(module
      (import "wasi_snapshot_preview1" "fd_write" (func $fw (param i64 f64 i32 i32) (result i64)))
      (memory 1) (export "memory" (memory 0))
      (func (export "_start") (drop (call $fw (i64.const 1) (f64.const 0) (i32.const 0) (i32.const 0)))))`);
    const problem = refusal(bytes);
    expect(problem.getStatus()).toBe(HttpStatus.UNPROCESSABLE_ENTITY);
    expect(problem.code).toBe('module_import_not_allowed');
    expect(problem.detail).toBe(
      'The module imports wasi_snapshot_preview1.fd_write as (i64, f64, i32, i32) -> i64; WASI preview 1 defines it as (i32, i32, i32, i32) -> i32',
    );
    expect(problem.extensions).toEqual({ imports: ['wasi_snapshot_preview1.fd_write'] });
  });

  it('refuses a wrong parameter type alone (an i32 where the u64 offset belongs)', () => {
    const problem = refusal(importing('wasi_snapshot_preview1', 'fd_seek', '(param i32 i32 i32 i32) (result i32)'));
    expect(problem.code).toBe('module_import_not_allowed');
    expect(problem.detail).toBe(
      'The module imports wasi_snapshot_preview1.fd_seek as (i32, i32, i32, i32) -> i32; WASI preview 1 defines it as (i32, i64, i32, i32) -> i32',
    );
  });

  it('refuses a wrong result type alone, and a missing or extra result', () => {
    expect(refusal(importing('wasi_snapshot_preview1', 'fd_close', '(param i32) (result i64)')).detail).toBe(
      'The module imports wasi_snapshot_preview1.fd_close as (i32) -> i64; WASI preview 1 defines it as (i32) -> i32',
    );
    expect(refusal(importing('wasi_snapshot_preview1', 'sched_yield', '')).detail).toBe(
      'The module imports wasi_snapshot_preview1.sched_yield as () -> (); WASI preview 1 defines it as () -> i32',
    );
    expect(refusal(importing('wasi_snapshot_preview1', 'proc_exit', '(param i32) (result i32)')).detail).toBe(
      'The module imports wasi_snapshot_preview1.proc_exit as (i32) -> i32; WASI preview 1 defines it as (i32) -> ()',
    );
  });

  it('checks wasi_unstable too, against its own definition', () => {
    const problem = refusal(importing('wasi_unstable', 'fd_write', '(param i32 i32 i32 i32) (result i64)'));
    expect(problem.code).toBe('module_import_not_allowed');
    expect(problem.detail).toBe(
      'The module imports wasi_unstable.fd_write as (i32, i32, i32, i32) -> i64; WASI snapshot 0 (wasi_unstable) defines it as (i32, i32, i32, i32) -> i32',
    );
    expect(problem.extensions).toEqual({ imports: ['wasi_unstable.fd_write'] });
  });

  it('accepts correct imports in each namespace', () => {
    for (const namespace of ['wasi_snapshot_preview1', 'wasi_unstable']) {
      const bytes = wat(`(module
        (import "${namespace}" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
        (import "${namespace}" "fd_seek" (func (param i32 i64 i32 i32) (result i32)))
        (import "${namespace}" "path_open" (func (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
        (import "${namespace}" "proc_exit" (func (param i32)))
        (memory 1) (export "memory" (memory 0))
        (func (export "_start")))`);
      expect(() => checkModule(bytes, caps)).not.toThrow();
    }
  });

  it('accepts every WASI function imported with its own signature, in both namespaces', () => {
    const watType = (types: readonly string[], kind: string) => (types.length ? `(${kind} ${types.join(' ')})` : '');
    for (const namespace of Object.keys(WASI_SIGNATURES)) {
      const imports = Object.entries(WASI_SIGNATURES[namespace])
        .map(([name, { params, results }]) => `(import "${namespace}" "${name}" (func ${watType(params, 'param')} ${watType(results, 'result')}))`)
        .join('\n');
      const bytes = wat(`(module ${imports} (memory 1) (export "memory" (memory 0)) (func (export "_start")))`);
      expect(() => checkModule(bytes, caps)).not.toThrow();
    }
  });

  it('finds the type of an import declared in a recursion group, past other types', () => {
    // wabt has no GC text format: (type (func (param f32))) (rec (type (func (param i64)))
    // (type (sub (func (param i32 i32 i32 i32) (result i64))))), then fd_write of type 2.
    const I32 = 0x7f;
    const types = wasmVector([
      Buffer.of(0x60, 1, 0x7d, 0),
      Buffer.of(0x4e, 2, 0x60, 1, 0x7e, 0, 0x50, 0, 0x60, 4, I32, I32, I32, I32, 1, 0x7e),
    ]);
    const imports = wasmVector([Buffer.concat([wasmName('wasi_snapshot_preview1'), wasmName('fd_write'), Buffer.of(0x00, 2)])]);
    const bytes = new Uint8Array(Buffer.concat([Buffer.of(0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0), wasmSection(1, types), wasmSection(2, imports)]));
    expect(functionImportTypes(bytes)).toEqual([
      { module: 'wasi_snapshot_preview1', name: 'fd_write', type: { params: ['i32', 'i32', 'i32', 'i32'], results: ['i64'] } },
    ]);
    expect(refusal(bytes).detail).toBe(
      'The module imports wasi_snapshot_preview1.fd_write as (i32, i32, i32, i32) -> i64; WASI preview 1 defines it as (i32, i32, i32, i32) -> i32',
    );
  });

  it('names reference types in a refused signature', () => {
    expect(refusal(importing('wasi_snapshot_preview1', 'fd_close', '(param externref) (result i32)')).detail).toBe(
      'The module imports wasi_snapshot_preview1.fd_close as (externref) -> i32; WASI preview 1 defines it as (i32) -> i32',
    );
  });

  it('lists every refused import, and describes the first five', () => {
    const names = ['fd_close', 'fd_sync', 'fd_datasync', 'proc_raise', 'fd_renumber', 'random_get'];
    const bytes = wat(`(module
      ${names.map((name) => `(import "wasi_snapshot_preview1" "${name}" (func (param f32) (result i32)))`).join('\n')}
      (memory 1) (export "memory" (memory 0))
      (func (export "_start")))`);
    const problem = refusal(bytes);
    expect(problem.extensions).toEqual({ imports: names.map((name) => `wasi_snapshot_preview1.${name}`) });
    expect(problem.detail.split('. ')).toHaveLength(6);
    expect(problem.detail).toMatch(/\. It imports 1 more WASI functions with the wrong signature$/);
  });

  it('derives the function names from the signatures', () => {
    expect([...WASI_FUNCTIONS]).toEqual(Object.keys(WASI_PREVIEW1_SIGNATURES));
    expect(WASI_FUNCTIONS.size).toBe(46);
    expect(formatSignature(WASI_PREVIEW1_SIGNATURES.fd_write)).toBe('(i32, i32, i32, i32) -> i32');
  });
});

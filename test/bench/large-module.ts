/**
 * A WASI command with several MB of real code, built at bench time with wabt (not committed).
 * `_start` calls one function in `callEvery`: a first run compiles what it runs (V8 compiles wasm
 * lazily, function by function), as a real program touches only part of its code.
 */
import { encodeU32 } from '../../src/common/wasm-binary';

export async function buildLargeModule(functions: number, callEvery = 8): Promise<Buffer> {
  const wabt = await require('wabt')();
  const bodies: string[] = [];
  for (let i = 0; i < functions; i++) {
    // Enough distinct arithmetic per function that V8 has real code to compile.
    const steps = Array.from({ length: 24 }, (_, k) => `(local.set $x (i32.add (i32.mul (local.get $x) (i32.const ${(i * 31 + k) | 1})) (i32.const ${k + i})))`).join(' ');
    bodies.push(`(func $f${i} (param $x i32) (result i32) ${steps} (local.get $x))`);
  }
  const calls: string[] = [];
  for (let i = 0; i < functions; i += callEvery) calls.push(`(drop (call $f${i} (i32.const ${i})))`);
  const text = `(module
    (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
    (memory (export "memory") 1)
    ${bodies.join('\n')}
    (func (export "_start") ${calls.join(' ')} (call $exit (i32.const 0))))`;
  const module = wabt.parseWat('large.wat', text);
  const { buffer } = module.toBinary({});
  module.destroy();
  return Buffer.from(buffer);
}

/**
 * The same module with a custom section holding `nonce` appended: other bytes, so another sha256
 * and nothing any cache (the service's or V8's) has seen; the same code to validate and compile.
 */
export function moduleVariant(bytes: Buffer, nonce: number): Buffer {
  const name = Buffer.from('wasmwiz-bench');
  const payload = Buffer.concat([encodeU32(name.length), name, Buffer.from(String(nonce))]);
  return Buffer.concat([bytes, Buffer.from([0]), encodeU32(payload.length), payload]);
}

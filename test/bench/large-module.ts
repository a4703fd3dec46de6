/** A WASI command with several MB of real code, built at bench time with wabt (not committed). */
export async function buildLargeModule(functions: number): Promise<Buffer> {
  const wabt = await require('wabt')();
  const bodies: string[] = [];
  for (let i = 0; i < functions; i++) {
    // Enough distinct arithmetic per function that V8 has real code to compile.
    const steps = Array.from({ length: 24 }, (_, k) => `(local.set $x (i32.add (i32.mul (local.get $x) (i32.const ${(i * 31 + k) | 1})) (i32.const ${k + i})))`).join(' ');
    bodies.push(`(func $f${i} (param $x i32) (result i32) ${steps} (local.get $x))`);
  }
  const calls = Array.from({ length: Math.min(functions, 64) }, (_, i) => `(drop (call $f${i} (i32.const ${i})))`).join(' ');
  const text = `(module
    (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
    (memory (export "memory") 1)
    ${bodies.join('\n')}
    (func (export "_start") ${calls} (call $exit (i32.const 0))))`;
  const module = wabt.parseWat('large.wat', text);
  const { buffer } = module.toBinary({});
  module.destroy();
  return Buffer.from(buffer);
}

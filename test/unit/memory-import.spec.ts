import wabtInit = require('wabt');
import { capModuleLimits, inspectWasm, WasmLimitError } from '../../src/common/wasm-binary';

type Wabt = Awaited<ReturnType<typeof wabtInit>>;
const AS = { module: 'wasmwiz', name: 'memory' };
/** Caps above every limit used here but where said: the rewrite is about the import. */
const CAPS = { maxMemoryPages: 1000, maxTableElements: 1000 };

function importDefinedMemory(bytes: Uint8Array, as: typeof AS) {
  const result = capModuleLimits(bytes, CAPS, as);
  return result.importedMemory ? { bytes: result.bytes, memory: result.importedMemory } : null;
}
const FEATURES = { threads: true, memory64: true, multi_memory: true };

let wabt: Wabt;
beforeAll(async () => {
  wabt = await wabtInit();
});

function wat(text: string): Uint8Array<ArrayBuffer> {
  const parsed = wabt.parseWat('test.wat', text, FEATURES as Parameters<Wabt['parseWat']>[2]);
  try {
    return parsed.toBinary({}).buffer as Uint8Array<ArrayBuffer>;
  } finally {
    parsed.destroy();
  }
}

function rewritten(text: string) {
  const result = importDefinedMemory(wat(text), AS);
  if (!result) throw new Error('expected a rewrite');
  expect(WebAssembly.validate(result.bytes)).toBe(true);
  // wabt reads it (with threads on: the memory is imported shared); its validate() checks with
  // default features whatever the read was given, and so refuses any shared memory.
  wabt.readWasm(result.bytes, { check: true, ...FEATURES }).destroy();
  return result;
}

describe('capModuleLimits with importMemoryAs', () => {
  it('turns the defined memory into an import with the same limits; data segments fill the memory the host gives', () => {
    const { bytes, memory } = rewritten(`(module
      (memory (export "memory") 2 8)
      (data (i32.const 16) "hello")
      (func (export "peek") (param i32) (result i32) (i32.load8_u (local.get 0)))
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`);
    expect(memory).toEqual({ initialPages: 2, maximumPages: 8 });
    const info = inspectWasm(bytes);
    expect(info.imports).toEqual([{ module: 'wasmwiz', name: 'memory', kind: 'memory' }]);
    // Imported as a shared memory (see ImportedMemoryLimits).
    expect(info.memories).toEqual([{ min: 2, max: 8, imported: true, shared: true, memory64: false, exportName: 'memory' }]);

    const given = new WebAssembly.Memory({ initial: 2, maximum: 8, shared: true });
    const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), { wasmwiz: { memory: given } }).exports as {
      memory: WebAssembly.Memory;
      peek: (at: number) => number;
      grow: (pages: number) => number;
    };
    expect(exports.memory).toBe(given);
    expect(Buffer.from(given.buffer, 16, 5).toString()).toBe('hello');
    expect(exports.peek(17)).toBe('e'.charCodeAt(0));
    expect(exports.grow(6)).toBe(2);
    expect(exports.grow(1)).toBe(-1);
    // A memory other than the declared limits is refused at link time.
    const larger = new WebAssembly.Memory({ initial: 2, maximum: 9, shared: true });
    expect(() => new WebAssembly.Instance(new WebAssembly.Module(bytes), { wasmwiz: { memory: larger } })).toThrow(WebAssembly.LinkError);
    const plain = new WebAssembly.Memory({ initial: 2, maximum: 8 });
    expect(() => new WebAssembly.Instance(new WebAssembly.Module(bytes), { wasmwiz: { memory: plain } })).toThrow(WebAssembly.LinkError);
  });

  it('appends to an existing import section: function indices and the calls to imports stay as they were', () => {
    const { bytes } = rewritten(`(module
      (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
      (import "wasi_snapshot_preview1" "sched_yield" (func $yield (result i32)))
      (memory 1 1)
      (func (export "_start") (call $exit (i32.add (call $yield) (i32.const 40)))))`);
    const info = inspectWasm(bytes);
    expect(info.imports.map((entry) => `${entry.module}.${entry.name}:${entry.kind}`)).toEqual([
      'wasi_snapshot_preview1.proc_exit:function',
      'wasi_snapshot_preview1.sched_yield:function',
      'wasmwiz.memory:memory',
    ]);
    const exited: number[] = [];
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
      wasi_snapshot_preview1: { proc_exit: (code: number) => exited.push(code), sched_yield: () => 2 },
      wasmwiz: { memory: new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }) },
    });
    (instance.exports._start as () => void)();
    expect(exited).toEqual([42]);
  });

  it('adds an import section in its place when there is none, custom sections kept where they were', () => {
    const input = wat('(module (type (func)) (memory 1 2) (func (type 0)) (export "f" (func 0)))');
    // A custom section at the end and one after the type section.
    const name = Buffer.from('note');
    const customSection = (payload: string) => Uint8Array.from([0, name.length + 1 + payload.length, name.length, ...name, ...Buffer.from(payload)]);
    const typeEnd = 8 + 2 + input[9];
    const withCustom = Buffer.concat([input.subarray(0, typeEnd), customSection('a'), input.subarray(typeEnd), customSection('z')]);
    expect(WebAssembly.validate(withCustom)).toBe(true);
    const { bytes } = importDefinedMemory(withCustom, AS)!;
    expect(WebAssembly.validate(bytes)).toBe(true);
    const module = new WebAssembly.Module(bytes);
    expect(WebAssembly.Module.customSections(module, 'note').map((section) => Buffer.from(section).toString())).toEqual(['a', 'z']);
    expect(WebAssembly.Module.imports(module)).toEqual([{ module: 'wasmwiz', name: 'memory', kind: 'memory' }]);
  });

  it('caps the memory it imports, adding a maximum where none was declared, and keeps the hidden export of an unexported one', () => {
    const { bytes, importedMemory, info } = capModuleLimits(wat('(module (memory 3) (func (export "_start")))'), { maxMemoryPages: 16, maxTableElements: 10 }, AS);
    expect(importedMemory).toEqual({ initialPages: 3, maximumPages: 16 });
    expect(info.memories).toEqual([{ min: 3, max: 16, imported: true, shared: true, memory64: false, exportName: '__wasmwiz_memory_0' }]);
    const given = new WebAssembly.Memory({ initial: 3, maximum: 16, shared: true });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>), { wasmwiz: { memory: given } });
    expect(instance.exports.__wasmwiz_memory_0).toBe(given);
    expect(capModuleLimits(wat('(module (memory 2 100))'), { maxMemoryPages: 16, maxTableElements: 10 }, AS).importedMemory).toEqual({ initialPages: 2, maximumPages: 16 });
  });

  it('still refuses a memory whose minimum is over the cap', () => {
    expect(() => capModuleLimits(wat('(module (memory 20))'), { maxMemoryPages: 16, maxTableElements: 10 }, AS)).toThrow(WasmLimitError);
  });

  it('adds the import and the hidden exports in one pass when the module has neither section', () => {
    const { bytes, importedMemory } = capModuleLimits(wat('(module (memory 1) (table 1 funcref) (func))'), CAPS, AS);
    expect(importedMemory).toEqual({ initialPages: 1, maximumPages: 1000 });
    expect(WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>)).toBe(true);
    const module = new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
    expect(WebAssembly.Module.imports(module)).toEqual([{ module: 'wasmwiz', name: 'memory', kind: 'memory' }]);
    expect(WebAssembly.Module.exports(module).map((entry) => entry.name)).toEqual(['__wasmwiz_memory_0', '__wasmwiz_table_0']);
  });

  it.each([
    ['no memory', '(module (func (export "_start")))'],
    ['an imported memory', '(module (import "env" "memory" (memory 1 2)))'],
    ['a shared memory', '(module (memory 1 2 shared))'],
    ['a 64-bit memory', '(module (memory i64 1 2))'],
    ['two memories', '(module (memory 1 2) (memory 1 2))'],
  ])('leaves the memory of a module with %s where it is', (_what, text) => {
    expect(capModuleLimits(wat(text), CAPS, AS).importedMemory).toBeNull();
  });

  it('imports nothing without importMemoryAs', () => {
    expect(capModuleLimits(wat('(module (memory 1 2))'), CAPS).importedMemory).toBeNull();
  });
});

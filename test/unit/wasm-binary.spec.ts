import {
  capModuleLimits,
  encodeU32,
  encodeU64,
  inspectWasm,
  readU32,
  readU64,
  WasmFormatError,
  WasmLimitError,
} from '../../src/common/wasm-binary';
import { concat, rebuildSection } from '../../src/common/wasm-binary/patch';
import { splitSections } from '../../src/common/wasm-binary/sections';
import { ALL_FEATURES, watAssembler } from '../support/wat';

// ---------------------------------------------------------------------------
// Helpers: a tiny module assembler (independent of the code under test) and
// wabt for the text format / independent validation.
// ---------------------------------------------------------------------------

type Bytes = number[];

const HEADER: Bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

function leb(n: number): Bytes {
  const out: Bytes = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}
function str(s: string): Bytes {
  const b = Array.from(Buffer.from(s, 'utf8'));
  return [...leb(b.length), ...b];
}
function vec(items: Bytes[]): Bytes {
  return [...leb(items.length), ...items.flat()];
}
function section(id: number, content: Bytes): Bytes {
  return [id, ...leb(content.length), ...content];
}
function custom(name: string, payload: Bytes): Bytes {
  return section(0, [...str(name), ...payload]);
}
function mod(...sections: Bytes[]): Uint8Array<ArrayBuffer> {
  return Uint8Array.from([...HEADER, ...sections.flat()]);
}
const limits = (min: number, max?: number): Bytes => (max === undefined ? [0x00, ...leb(min)] : [0x01, ...leb(min), ...leb(max)]);
const funcType = section(1, vec([[0x60, 0x00, 0x00]])); // (func)
const emptyBody = [0x02, 0x00, 0x0b]; // size 2, no locals, end

const { wabt, wat } = watAssembler();

/** Validates with wabt (knows multi-memory/memory64) and, when the engine supports the module's features, with V8. */
function expectValid(bytes: Uint8Array, engineCanCheck = true): void {
  const m = wabt().readWasm(bytes, { check: true, ...ALL_FEATURES });
  try {
    // (validate() takes the feature set too, although wabt's typings do not say so)
    expect(() => (m as unknown as { validate(features: object): void }).validate(ALL_FEATURES)).not.toThrow();
  } finally {
    m.destroy();
  }
  if (engineCanCheck) expect(WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>)).toBe(true);
}

const engineHasMultiMemory = WebAssembly.validate(mod(section(5, vec([limits(0), limits(0)]))));
const engineHasMemory64 = WebAssembly.validate(mod(section(5, vec([[0x04, 0x01]]))));

function instantiate(bytes: Uint8Array, imports: WebAssembly.Imports = {}): WebAssembly.Exports {
  return new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>), imports).exports;
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.length).indexOf(Buffer.from(needle), from);
}

const GROW_FUNCS = `
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size))`;

// ---------------------------------------------------------------------------

describe('LEB128', () => {
  it('decodes unsigned 32-bit edge cases', () => {
    const d = (...b: number[]) => readU32(Uint8Array.from(b), 0);
    expect(d(0x00)).toEqual({ value: 0, next: 1 });
    expect(d(0x7f)).toEqual({ value: 127, next: 1 });
    expect(d(0x80, 0x01)).toEqual({ value: 128, next: 2 });
    expect(d(0xff, 0xff, 0xff, 0xff, 0x0f)).toEqual({ value: 2 ** 32 - 1, next: 5 });
    expect(d(0x80, 0x80, 0x80, 0x80, 0x00)).toEqual({ value: 0, next: 5 }); // overlong but in range: allowed
  });

  it('rejects over-long, overflowing and truncated u32', () => {
    const d = (...b: number[]) => () => readU32(Uint8Array.from(b), 0);
    expect(d(0x80, 0x80, 0x80, 0x80, 0x80, 0x00)).toThrow(/longer than 5 bytes/);
    expect(d(0xff, 0xff, 0xff, 0xff, 0x1f)).toThrow(/overflows 32 bits/);
    expect(d(0x80, 0x80, 0x80, 0x80, 0x10)).toThrow(WasmFormatError);
    expect(d(0x80)).toThrow(/truncated .* at byte offset 0/);
    expect(d()).toThrow(WasmFormatError);
  });

  it('decodes u64 up to 2^53 - 1 and rejects beyond', () => {
    const d = (b: number[]) => readU64(Uint8Array.from(b), 0);
    expect(d(Array.from(encodeU64(2 ** 53 - 1))).value).toBe(2 ** 53 - 1);
    expect(d([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).value).toBe(0);
    expect(() => d([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01])).toThrow(/too large/); // 2^63
    expect(() => d([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02])).toThrow(/overflows 64 bits/);
    expect(() => d(new Array(10).fill(0x80).concat([0x00]))).toThrow(/longer than 10 bytes/);
  });

  it('encodes minimally and round-trips', () => {
    expect(Array.from(encodeU32(0))).toEqual([0x00]);
    expect(Array.from(encodeU32(127))).toEqual([0x7f]);
    expect(Array.from(encodeU32(128))).toEqual([0x80, 0x01]);
    expect(Array.from(encodeU32(2 ** 32 - 1))).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
    for (const n of [0, 1, 63, 64, 127, 128, 300, 65536, 2 ** 31, 2 ** 32 - 1]) {
      expect(readU32(encodeU32(n), 0).value).toBe(n);
      expect(readU64(encodeU64(n), 0).value).toBe(n);
    }
    expect(() => encodeU32(2 ** 32)).toThrow(RangeError);
  });
});

describe('inspectWasm', () => {
  it('lists imports, exports, memories, tables and start', () => {
    const info = inspectWasm(
      wat(`(module
        (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
        (import "env" "mem" (memory 2 10))
        (import "env" "tbl" (table 1 funcref))
        (import "env" "g" (global (mut i32)))
        (memory (export "mem2") 1)
        (table 3 8 externref)
        (global (export "answer") i32 (i32.const 42))
        (func $main)
        (export "_start" (func $main))
        (export "tbl0" (table 0))
        (export "mem1" (memory 0))
        (export "mem1again" (memory 0))
        (start $main))`),
    );
    expect(info.imports).toEqual([
      { module: 'wasi_snapshot_preview1', name: 'fd_write', kind: 'function' },
      { module: 'env', name: 'mem', kind: 'memory' },
      { module: 'env', name: 'tbl', kind: 'table' },
      { module: 'env', name: 'g', kind: 'global' },
    ]);
    expect(info.exports).toEqual([
      { name: 'mem2', kind: 'memory', index: 1 },
      { name: 'answer', kind: 'global', index: 1 },
      { name: '_start', kind: 'function', index: 1 },
      { name: 'tbl0', kind: 'table', index: 0 },
      { name: 'mem1', kind: 'memory', index: 0 },
      { name: 'mem1again', kind: 'memory', index: 0 },
    ]);
    expect(info.memories).toEqual([
      { min: 2, max: 10, imported: true, shared: false, memory64: false, exportName: 'mem1' },
      { min: 1, max: null, imported: false, shared: false, memory64: false, exportName: 'mem2' },
    ]);
    expect(info.tables).toEqual([
      { min: 1, max: null, imported: true, exportName: 'tbl0' },
      { min: 3, max: 8, imported: false, exportName: null },
    ]);
    expect(info.hasStartSection).toBe(true);
  });

  it('handles an empty module', () => {
    expect(inspectWasm(mod())).toEqual({ imports: [], exports: [], memories: [], tables: [], hasStartSection: false });
  });

  it('reads shared, memory64 and multi-memory declarations', () => {
    const info = inspectWasm(wat('(module (memory 1 4 shared) (memory i64 3) (memory i64 1 9 shared))'));
    expect(info.memories).toEqual([
      { min: 1, max: 4, imported: false, shared: true, memory64: false, exportName: null },
      { min: 3, max: null, imported: false, shared: false, memory64: true, exportName: null },
      { min: 1, max: 9, imported: false, shared: true, memory64: true, exportName: null },
    ]);
  });

  it('parses tag imports, typed references and tables with initialisers', () => {
    const bytes = mod(
      funcType,
      section(
        2,
        vec([
          [...str('env'), ...str('exn'), 0x04, 0x00, 0x00], // tag, attribute 0, type 0
          [...str('env'), ...str('g'), 0x03, 0x64, 0x70, 0x00], // global (ref func) immutable
          [...str('env'), ...str('h'), 0x03, 0x63, ...[0x80, 0x80, 0x80, 0x80, 0x00], 0x01], // (ref null 0) via 5-byte s33
          [...str('env'), ...str('t'), 0x01, 0x63, 0x70, ...limits(2, 5)], // table (ref null func)
        ]),
      ),
      section(
        4,
        vec([
          [0x40, 0x00, 0x64, 0x70, ...limits(1), 0xd2, 0x00, 0x0b], // (table 1 (ref func) (ref.func 0))
          [0x40, 0x00, 0x70, ...limits(0, 2), 0xd0, 0x70, 0x0b], // (table 0 2 funcref (ref.null func))
          [0x40, 0x00, 0x6f, ...limits(0), 0x41, 0x0b, 0x41, 0x0b, 0x6a, 0x0b], // i32.const 11 (an 0x0b immediate!) twice, i32.add
        ]),
      ),
    );
    // (the last init expr is not type-correct, but it is well-formed at the byte level, which is all we parse)
    const info = inspectWasm(bytes);
    expect(info.imports.map((i) => i.kind)).toEqual(['tag', 'global', 'global', 'table']);
    expect(info.tables).toEqual([
      { min: 2, max: 5, imported: true, exportName: null },
      { min: 1, max: null, imported: false, exportName: null },
      { min: 0, max: 2, imported: false, exportName: null },
      { min: 0, max: null, imported: false, exportName: null },
    ]);
  });
});

describe('capModuleLimits: memories', () => {
  const caps = { maxMemoryPages: 4, maxTableElements: 100 };

  it('adds a maximum where none was declared, and memory.grow fails past the cap at run time', () => {
    const input = wat(`(module (memory (export "memory") 1) ${GROW_FUNCS})`);
    const { bytes, info } = capModuleLimits(input, caps);
    expect(info.memories).toEqual([
      { min: 1, max: 4, imported: false, shared: false, memory64: false, exportName: 'memory' },
    ]);
    expectValid(bytes);
    const ex = instantiate(bytes) as { grow: (n: number) => number; size: () => number };
    expect(ex.grow(3)).toBe(1);
    expect(ex.size()).toBe(4);
    expect(ex.grow(1)).toBe(-1);
    expect(ex.size()).toBe(4);
    // the original, for contrast, can grow further
    const orig = instantiate(input) as { grow: (n: number) => number };
    expect(orig.grow(4)).toBe(1);
  });

  it('lowers a maximum above the cap', () => {
    const { bytes, info } = capModuleLimits(wat(`(module (memory (export "m") 2 100) ${GROW_FUNCS})`), caps);
    expect(info.memories[0]).toMatchObject({ min: 2, max: 4 });
    expectValid(bytes);
    const ex = instantiate(bytes) as { grow: (n: number) => number };
    expect(ex.grow(3)).toBe(-1);
    expect(ex.grow(2)).toBe(2);
  });

  it('keeps a maximum below the cap, leaving an already-compliant module byte-identical', () => {
    const input = wat('(module (memory (export "m") 1 3) (table (export "t") 1 2 funcref))');
    const { bytes, info } = capModuleLimits(input, caps);
    expect(info.memories[0]).toMatchObject({ min: 1, max: 3 });
    expect(Buffer.from(bytes).equals(Buffer.from(input))).toBe(true);
    expect(bytes).not.toBe(input);
  });

  it('caps an imported memory; the host must then supply a memory within the cap', () => {
    const input = wat(`(module (import "env" "memory" (memory 1)) ${GROW_FUNCS})`);
    const { bytes, info } = capModuleLimits(input, caps);
    expect(info.memories).toEqual([
      { min: 1, max: 4, imported: true, shared: false, memory64: false, exportName: '__wasmwiz_memory_0' },
    ]);
    expectValid(bytes);
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 4 });
    const ex = instantiate(bytes, { env: { memory } }) as { grow: (n: number) => number; __wasmwiz_memory_0: unknown };
    expect(ex.__wasmwiz_memory_0).toBe(memory);
    expect(ex.grow(3)).toBe(1);
    expect(ex.grow(1)).toBe(-1);
    const unbounded = new WebAssembly.Memory({ initial: 1 });
    expect(() => instantiate(bytes, { env: { memory: unbounded } })).toThrow(WebAssembly.LinkError);
  });

  it('caps every memory of a multi-memory module and exports the hidden ones', () => {
    const input = wat('(module (import "env" "m0" (memory 1 2)) (memory 0) (memory (export "third") 1 1000))');
    const { bytes, info } = capModuleLimits(input, caps);
    expect(info.memories.map((m) => [m.min, m.max, m.exportName])).toEqual([
      [1, 2, '__wasmwiz_memory_0'],
      [0, 4, '__wasmwiz_memory_1'],
      [1, 4, 'third'],
    ]);
    expectValid(bytes, engineHasMultiMemory);
  });

  it('caps a memory64 memory, writing the maximum as u64 and keeping the 64-bit flag', () => {
    const input = wat('(module (memory (export "m") i64 1) (memory (export "n") i64 1 70000))');
    const { bytes, info } = capModuleLimits(input, caps);
    expect(info.memories.map((m) => [m.memory64, m.min, m.max])).toEqual([
      [true, 1, 4],
      [true, 1, 4],
    ]);
    const mem = splitSections(bytes).find((s) => s.id === 5)!;
    expect(Array.from(bytes.subarray(mem.contentStart, mem.end))).toEqual([0x02, 0x05, 0x01, 0x04, 0x05, 0x01, 0x04]);
    expectValid(bytes, engineHasMemory64 && engineHasMultiMemory);
    // a 64-bit min/max written as a long u64 LEB is read correctly
    const long = mod(section(5, vec([[0x05, 0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x09]])));
    expect(capModuleLimits(long, caps).info.memories[0]).toMatchObject({ min: 1, max: 4, memory64: true });
  });

  it('caps a shared memory, preserving the shared flag, and grow fails past the cap', () => {
    const input = wat(`(module (memory (export "m") 1 100 shared) ${GROW_FUNCS})`);
    const { bytes, info } = capModuleLimits(input, caps);
    expect(info.memories[0]).toMatchObject({ min: 1, max: 4, shared: true });
    expectValid(bytes);
    const ex = instantiate(bytes) as { grow: (n: number) => number; m: WebAssembly.Memory };
    expect(ex.m.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(ex.grow(3)).toBe(1);
    expect(ex.grow(1)).toBe(-1);
    // a shared memory without a max (flags 0x02, invalid as is) gets flags 0x03 and becomes valid
    const noMax = mod(section(5, vec([[0x02, 0x01]])));
    const capped = capModuleLimits(noMax, caps);
    const s = splitSections(capped.bytes).find((x) => x.id === 5)!;
    expect(Array.from(capped.bytes.subarray(s.contentStart, s.end))).toEqual([0x01, 0x03, 0x01, 0x04]);
    expectValid(capped.bytes);
  });

  it('clamps a 32-bit memory to 65536 pages when the cap is larger', () => {
    const { info, bytes } = capModuleLimits(mod(section(5, vec([limits(1)]))), { maxMemoryPages: 100000, maxTableElements: 1 });
    expect(info.memories[0].max).toBe(65536);
    expectValid(bytes);
  });

  it('throws a WasmLimitError (a WasmFormatError) when a minimum is over the cap', () => {
    const e = thrown(() => capModuleLimits(wat('(module (memory 1) (memory 5))'), caps));
    expect(e).toBeInstanceOf(WasmLimitError);
    expect(e).toBeInstanceOf(WasmFormatError);
    expect((e as Error).message).toMatch(/memory 1 declares a minimum of 5 pages, above the cap of 4/);
    expect(() => capModuleLimits(wat('(module (table 200 funcref))'), caps)).toThrow(/table 0 .* minimum of 200/);
    expect(() => capModuleLimits(wat('(module (import "e" "m" (memory 9)))'), caps)).toThrow(WasmLimitError);
  });

  it('rejects invalid caps', () => {
    expect(() => capModuleLimits(mod(), { maxMemoryPages: -1, maxTableElements: 1 })).toThrow(RangeError);
    expect(() => capModuleLimits(mod(), { maxMemoryPages: 1.5, maxTableElements: 1 })).toThrow(RangeError);
    expect(() => capModuleLimits(mod(), { maxMemoryPages: 1, maxTableElements: NaN })).toThrow(RangeError);
  });
});

describe('capModuleLimits: tables', () => {
  it("caps defined and imported tables, each at its share of what they hold together, and table.grow fails past it", () => {
    const input = wat(`(module
      (import "env" "t" (table 1 funcref))
      (table $own 1 1000 externref)
      (table $small (export "small") 2 3 funcref)
      (func (export "tgrow") (param i32) (result i32) (table.grow $own (ref.null extern) (local.get 0))))`);
    // Three tables share 30 elements: 10 each.
    const { bytes, info } = capModuleLimits(input, { maxMemoryPages: 1, maxTableElements: 30 });
    expect(info.tables).toEqual([
      { min: 1, max: 10, imported: true, exportName: '__wasmwiz_table_0' },
      { min: 1, max: 10, imported: false, exportName: '__wasmwiz_table_1' },
      { min: 2, max: 3, imported: false, exportName: 'small' },
    ]);
    expectValid(bytes);
    const t = new WebAssembly.Table({ element: 'anyfunc', initial: 1, maximum: 10 });
    const ex = instantiate(bytes, { env: { t } }) as { tgrow: (n: number) => number; __wasmwiz_table_1: WebAssembly.Table };
    expect(ex.tgrow(9)).toBe(1);
    expect(ex.tgrow(1)).toBe(-1);
    expect(ex.__wasmwiz_table_1.length).toBe(10);
  });

  it('keeps the initialiser of a function-references table entry', () => {
    const entry = [0x40, 0x00, 0x64, 0x70, ...limits(1), 0xd2, 0x00, 0x0b];
    const input = mod(funcType, section(3, vec([[0x00]])), section(4, vec([entry])), section(10, vec([emptyBody])));
    const { bytes, info } = capModuleLimits(input, { maxMemoryPages: 1, maxTableElements: 7 });
    expect(info.tables[0]).toMatchObject({ min: 1, max: 7, exportName: '__wasmwiz_table_0' });
    const t = splitSections(bytes).find((s) => s.id === 4)!;
    expect(Array.from(bytes.subarray(t.contentStart, t.end))).toEqual([0x01, 0x40, 0x00, 0x64, 0x70, 0x01, 0x01, 0x07, 0xd2, 0x00, 0x0b]);
  });
});

describe('capModuleLimits: hidden exports and byte preservation', () => {
  const caps = { maxMemoryPages: 8, maxTableElements: 8 };

  it('appends hidden exports after the existing ones, leaving those untouched', () => {
    const input = wat(`(module (memory 1 2) (func $f) (export "_start" (func $f)) (export "b" (func $f)))`);
    const { bytes, info } = capModuleLimits(input, caps);
    expect(info.exports).toEqual([
      { name: '_start', kind: 'function', index: 0 },
      { name: 'b', kind: 'function', index: 0 },
      { name: '__wasmwiz_memory_0', kind: 'memory', index: 0 },
    ]);
    expectValid(bytes);
    const ex = instantiate(bytes);
    expect(ex.__wasmwiz_memory_0).toBeInstanceOf(WebAssembly.Memory);
    expect((ex.__wasmwiz_memory_0 as WebAssembly.Memory).buffer.byteLength).toBe(65536);
  });

  it('creates an export section in the right place when there is none', () => {
    const input = mod(
      custom('first', [1, 2, 3]),
      funcType,
      section(3, vec([[0x00]])),
      section(5, vec([limits(1)])),
      section(6, vec([[0x7f, 0x00, 0x41, 0x07, 0x0b]])), // global i32 = 7
      custom('between', [9]),
      section(8, leb(0)), // start
      section(12, leb(1)), // datacount
      section(10, vec([emptyBody])),
      section(11, vec([[0x00, 0x41, 0x00, 0x0b, ...str('hi')]])),
      custom('name', [0]),
    );
    expectValid(input);
    const { bytes, info } = capModuleLimits(input, caps);
    expect(splitSections(bytes).map((s) => s.id)).toEqual([0, 1, 3, 5, 6, 0, 7, 8, 12, 10, 11, 0]);
    expect(info.exports).toEqual([{ name: '__wasmwiz_memory_0', kind: 'memory', index: 0 }]);
    expect(info.hasStartSection).toBe(true);
    expectValid(bytes);
    const mem = instantiate(bytes).__wasmwiz_memory_0 as WebAssembly.Memory;
    expect(Buffer.from(mem.buffer, 0, 2).toString()).toBe('hi');
    // an export section is also appended at the very end if nothing follows it
    const tail = capModuleLimits(mod(section(5, vec([limits(0, 1)]))), caps).bytes;
    expect(splitSections(tail).map((s) => s.id)).toEqual([5, 7]);
    expectValid(tail);
  });

  it('copies custom sections and untouched sections byte for byte', () => {
    const big = Array.from({ length: 3000 }, (_, i) => (i * 7) & 0xff);
    const customs = [custom('producers', [0xde, 0xad]), custom('mid', big), custom('name', [0x00, 0x01, 0x00])];
    const code = section(10, vec([emptyBody]));
    const input = mod(customs[0], funcType, section(3, vec([[0x00]])), section(5, vec([limits(2)])), customs[1], code, customs[2]);
    const { bytes } = capModuleLimits(input, caps);
    let from = 0;
    for (const c of [customs[0], funcType, customs[1], code, customs[2]]) {
      const at = indexOfBytes(bytes, Uint8Array.from(c), from);
      expect(at).toBeGreaterThanOrEqual(from);
      from = at + c.length;
    }
    expect(from).toBe(bytes.length);
    expect(inspectWasm(bytes).memories[0]).toMatchObject({ min: 2, max: 8 });
  });

  it('gives a hidden export a name the module does not use', () => {
    const input = wat(`(module (memory 1) (table 1 funcref)
      (func (export "__wasmwiz_memory_0")) (func (export "__wasmwiz_memory_0_1")) (func (export "__wasmwiz_table_0")))`);
    const { bytes, info } = capModuleLimits(input, caps);
    expectValid(bytes);
    expect(info.memories[0].exportName).toBe('__wasmwiz_memory_0_2');
    expect(info.tables[0].exportName).toBe('__wasmwiz_table_0_1');
    const exports = instantiate(bytes);
    expect(exports.__wasmwiz_memory_0).toBeInstanceOf(Function);
    expect(exports.__wasmwiz_memory_0_2).toBeInstanceOf(WebAssembly.Memory);
    expect(exports.__wasmwiz_table_0_1).toBeInstanceOf(WebAssembly.Table);
  });
});

describe('malformed input', () => {
  const rich = (): Uint8Array =>
    wat(`(module
      (import "wasi_snapshot_preview1" "proc_exit" (func (param i32)))
      (import "env" "mem" (memory 1 2))
      (table 2 funcref)
      (memory 1)
      (global i32 (i32.const 1))
      (func $main (export "_start") (drop (i32.const 5)))
      (elem (i32.const 0) $main)
      (data (memory 1) (i32.const 0) "hello")
      (start $main))`);

  const expectFormatError = (fn: () => unknown, re: RegExp) => {
    const e = thrown(fn);
    expect(e).toBeInstanceOf(WasmFormatError);
    expect((e as Error).message).toMatch(re);
    expect((e as Error).message).toMatch(/offset \d+/);
  };

  it('rejects bad headers, components and wrong versions', () => {
    expectFormatError(() => inspectWasm(new Uint8Array(0)), /too short/);
    expectFormatError(() => inspectWasm(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 1, 0, 0, 0])), /magic/);
    expectFormatError(() => inspectWasm(Uint8Array.from([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0])), /component/);
    expectFormatError(() => inspectWasm(Uint8Array.from([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0])), /unsupported binary version/);
    expectFormatError(() => inspectWasm(Buffer.from('hello, not wasm at all')), /magic/);
  });

  it('rejects bad section structure', () => {
    expectFormatError(() => inspectWasm(mod(section(14, []))), /unknown section id 14 at byte offset 8/);
    expectFormatError(() => inspectWasm(mod(section(5, vec([])), section(2, vec([])))), /import section out of order/);
    expectFormatError(() => inspectWasm(mod(section(5, vec([])), section(5, vec([])))), /duplicate memory section/);
    expectFormatError(() => inspectWasm(mod(section(6, vec([])), section(13, vec([])))), /tag section out of order/);
    expectFormatError(() => inspectWasm(mod([0x0a, 0x05, 0x00])), /code section: declared size 5 runs past the end/);
    expectFormatError(() => inspectWasm(mod(section(5, [0x01, 0x00, 0x01, 0x99]))), /memory section: 1 unexpected trailing byte/);
    expectFormatError(() => inspectWasm(mod(section(5, [0x02, 0x00, 0x01]))), /memory section: unexpected end of data reading memory limits flags/);
    expectFormatError(() => inspectWasm(mod(section(5, vec([[0x08, 0x01]])))), /custom page sizes/);
    expectFormatError(() => inspectWasm(mod(section(7, vec([[...leb(2), 0xff, 0xfe, 0x00, 0x00]])))), /export name is not valid UTF-8/);
    expectFormatError(() => inspectWasm(mod(section(7, vec([[...str('m'), 0x02, 0x00]])))), /refers to memory 0 but the module has 0/);
    expectFormatError(() => inspectWasm(mod(section(2, vec([[...str('a'), ...str('b'), 0x07]])))), /unknown import kind 0x07/);
    expectFormatError(() => inspectWasm(mod(section(5, vec([[0x00, 0xff, 0xff, 0xff, 0xff, 0x7f]])))), /memory section: LEB128 u32 value overflows/);
    expectFormatError(() => inspectWasm(mod(section(8, [0x80]))), /start section: truncated LEB128/);
  });

  it('every truncation of a real module throws a WasmFormatError (or is a valid prefix at a section boundary)', () => {
    const full = rich();
    const boundaries = new Set([8, ...splitSections(full).map((s) => s.end)]);
    for (let len = 0; len < full.length; len++) {
      const prefix = full.subarray(0, len);
      for (const fn of [() => inspectWasm(prefix), () => capModuleLimits(prefix, { maxMemoryPages: 2, maxTableElements: 2 })]) {
        if (boundaries.has(len)) {
          expect(fn).not.toThrow();
        } else {
          const e = thrown(fn);
          expect(e).toBeInstanceOf(WasmFormatError);
          expect((e as Error).message).toMatch(/(section|header|module).*offset \d+/);
        }
      }
    }
  });

  it('random garbage never throws anything but WasmFormatError', () => {
    let seed = 12345;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 16;
    };
    const base = rich();
    let formatErrors = 0;
    for (let i = 0; i < 3000; i++) {
      let input: Uint8Array;
      if (i % 2 === 0) {
        input = Uint8Array.from(base); // mutate a few bytes of a real module
        for (let k = 0; k < 1 + (i % 4); k++) input[8 + (rand() % (input.length - 8))] = rand() & 0xff;
      } else {
        input = Uint8Array.from([...HEADER, ...Array.from({ length: rand() % 64 }, () => rand() & 0xff)]);
      }
      try {
        capModuleLimits(input, { maxMemoryPages: 100, maxTableElements: 100 });
      } catch (e) {
        if (!(e instanceof WasmFormatError)) throw e;
        formatErrors++;
      }
    }
    expect(formatErrors).toBeGreaterThan(1000);
  });
});

describe('a section rebuilt from many chunks', () => {
  it('takes more chunks than a call can pass as arguments (a rewritten code section has that many)', () => {
    const data = Array.from({ length: 500_000 }, () => Uint8Array.of(0x01));
    const section = concat(rebuildSection(Uint8Array.of(9, 9), 10, 0, 2, [{ start: 1, end: 1, data }]));
    expect(section.length).toBe(1 + 3 + 500_002);
    expect([...section.subarray(0, 5)]).toEqual([10, 0xa2, 0xc2, 0x1e, 9]);
    expect(section[section.length - 1]).toBe(9);
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import wabtInit = require('wabt');
import { capModuleLimits, guardGrowth, RefusedGrow, WasmFormatError } from '../../src/common/wasm-binary';
import { countTypes } from '../../src/common/wasm-binary/type-section';
import { repositoryRoot } from '../support/fixtures';
import { findTestsuite } from '../conformance/suite';

type Wabt = Awaited<ReturnType<typeof wabtInit>>;
const FEATURES = {
  exceptions: true,
  simd: true,
  threads: true,
  tail_call: true,
  bulk_memory: true,
  reference_types: true,
  multi_value: true,
  sat_float_to_int: true,
  sign_extension: true,
  mutable_globals: true,
};
const ROOT = repositoryRoot() ?? process.cwd();
const CAPS = { maxMemoryPages: 4, maxTableElements: 10 };

let wabt: Wabt;
beforeAll(async () => {
  wabt = await wabtInit();
});

function wat(text: string): Uint8Array<ArrayBuffer> {
  const parsed = wabt.parseWat('test.wat', text, FEATURES);
  try {
    return new Uint8Array(parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}

/** One instruction a line, as wabt prints a module it reads (independent of the decoder under test). */
function instructionLines(bytes: Uint8Array): string[] {
  const read = wabt.readWasm(bytes, { readDebugNames: false, ...FEATURES });
  try {
    // The last instruction of a function carries the function's closing parenthesis.
    return read.toText({ foldExprs: false, inlineExport: false }).split('\n').map((line) => line.trim().replace(/\)+$/, ''));
  } finally {
    read.destroy();
  }
}

const isGrow = (line: string) => /^(memory|table)\.grow\b/.test(line);

/** Every grow of `guarded` as [the call before, the grow, the call after]. */
function growsWithCalls(guarded: Uint8Array): Array<[string, string, string]> {
  const lines = instructionLines(guarded);
  const inFunctions = lines.slice(lines.findIndex((line) => line.startsWith('(func')));
  return inFunctions.flatMap((line, i) => (isGrow(line) ? [[inFunctions[i - 1], line, inFunctions[i + 1]] as [string, string, string]] : []));
}

interface Guarded {
  grow: (pages: number) => number;
  tgrow: (elements: number) => number;
  flag: () => number;
}

function instantiate(bytes: Uint8Array, exportName: string | null): Guarded {
  const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>)).exports;
  const flag = exports[exportName ?? ''] as WebAssembly.Global;
  return { grow: exports.grow as Guarded['grow'], tgrow: exports.tgrow as Guarded['tgrow'], flag: () => flag.value as number };
}

const GROWERS = `
  (table $refs 0 externref)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "tgrow") (param i32) (result i32) (table.grow $refs (ref.null extern) (local.get 0)))`;

describe('guardGrowth', () => {
  it('wraps every grow of a module using every instruction family, which still validates and runs', () => {
    const input = new Uint8Array(readFileSync(join(ROOT, 'test/fixtures/binary/grow-guard-instructions.wasm')));
    const { bytes, refusedGrowExport } = guardGrowth(input, CAPS);
    expect(refusedGrowExport).toBe('__wasmwiz_grow_refused');
    expect(WebAssembly.validate(bytes)).toBe(true);
    const sites = growsWithCalls(bytes);
    expect(sites.map(([, grow]) => grow)).toEqual(instructionLines(input).filter(isGrow));
    expect(sites).toHaveLength(5);
    const [note] = sites[0];
    for (const [before, , after] of sites) {
      expect(before).toBe(note);
      expect(after).toMatch(/^call \d+$/);
    }
    const [original, guarded] = [input, bytes].map((b) => new WebAssembly.Instance(new WebAssembly.Module(b)).exports);
    // `sink` runs every instruction and returns the memory's size before its grow plus the size after.
    expect((guarded.sink as (n: number) => number)(1)).toBe(3);
    expect((original.sink as (n: number) => number)(1)).toBe(3);
    expect((guarded.tail as (n: number) => number)(7)).toBe(7);
  });

  it('sets the flag only when a grow is refused because it would pass the cap', () => {
    const { bytes, refusedGrowExport } = capModuleLimits(wat(`(module (memory (export "memory") 1) ${GROWERS})`), CAPS);
    const guest = instantiate(bytes, refusedGrowExport);
    expect(guest.grow(0)).toBe(1);
    expect(guest.grow(3)).toBe(1);
    expect(guest.flag()).toBe(RefusedGrow.None);
    expect(guest.grow(1)).toBe(-1);
    expect(guest.flag()).toBe(RefusedGrow.Memory);
  });

  it('flags a table grow refused at the table cap', () => {
    const { bytes, refusedGrowExport } = capModuleLimits(wat(`(module (memory (export "memory") 1) ${GROWERS})`), CAPS);
    const guest = instantiate(bytes, refusedGrowExport);
    expect(guest.tgrow(10)).toBe(0);
    expect(guest.flag()).toBe(RefusedGrow.None);
    expect(guest.tgrow(1)).toBe(-1);
    expect(guest.flag()).toBe(RefusedGrow.Table);
  });

  it('does not flag a grow refused at a maximum the module declared below the cap', () => {
    const { bytes, refusedGrowExport } = capModuleLimits(wat(`(module (memory (export "memory") 1 2) ${GROWERS})`), CAPS);
    const guest = instantiate(bytes, refusedGrowExport);
    expect(guest.grow(2)).toBe(-1); // 3 pages: over the module's own maximum, within the cap
    expect(guest.flag()).toBe(RefusedGrow.None);
    expect(guest.grow(-1)).toBe(-1); // 4 GiB: over the cap too
    expect(guest.flag()).toBe(RefusedGrow.Memory);
  });

  it('adds its global, export, type and functions after the module’s own, which keep their indices', () => {
    const input = wat(`(module
      (type $unused (func (param f64)))
      (global $own (export "own") (mut i32) (i32.const 5))
      (memory (export "memory") 1)
      (func $first (export "first") (result i32) (global.get $own))
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`);
    const { bytes, refusedGrowExport } = guardGrowth(input, CAPS);
    const module = new WebAssembly.Module(bytes);
    expect(WebAssembly.Module.exports(module).map((e) => `${e.name}:${e.kind}`)).toEqual(['own:global', 'memory:memory', 'first:function', 'grow:function', `${refusedGrowExport}:global`]);
    const exports = new WebAssembly.Instance(module).exports;
    expect((exports.first as () => number)()).toBe(5);
    expect((exports.grow as (n: number) => number)(-1)).toBe(-1);
    expect((exports[refusedGrowExport!] as WebAssembly.Global).value).toBe(RefusedGrow.Memory);
  });

  it('creates the global and export sections a module lacks', () => {
    const input = wat('(module (memory 1) (func (param i32) (result i32) (memory.grow (local.get 0))))');
    const { bytes, refusedGrowExport } = guardGrowth(input, CAPS);
    expect(WebAssembly.Module.exports(new WebAssembly.Module(bytes))).toEqual([{ name: refusedGrowExport, kind: 'global' }]);
  });

  it('picks an export name the module does not use', () => {
    const input = wat(`(module (memory 1)
      (func (export "__wasmwiz_grow_refused") (export "__wasmwiz_grow_refused_1") (param i32) (result i32) (memory.grow (local.get 0))))`);
    const { bytes, refusedGrowExport } = guardGrowth(input, CAPS);
    expect(refusedGrowExport).toBe('__wasmwiz_grow_refused_2');
    expect(WebAssembly.validate(bytes)).toBe(true);
  });

  it('names the flag apart from the hidden memory and table exports and from the module’s own', () => {
    const reserved = ['__wasmwiz_memory_0', '__wasmwiz_table_0', '__wasmwiz_grow_refused'];
    const input = wat(`(module (memory 1) ${GROWERS}
      ${reserved.map((name) => `(func (export "${name}"))`).join(' ')})`);
    const { bytes, refusedGrowExport } = capModuleLimits(input, CAPS);
    const names = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => `${e.name}:${e.kind}`);
    expect(names).toEqual(expect.arrayContaining(['__wasmwiz_memory_0_1:memory', '__wasmwiz_table_0_1:table', '__wasmwiz_grow_refused_1:global']));
    expect(new Set(names.map((n) => n.split(':')[0])).size).toBe(names.length);
    const guest = instantiate(bytes, refusedGrowExport);
    expect(guest.grow(4)).toBe(-1);
    expect(guest.flag()).toBe(RefusedGrow.Memory);
  });

  it('leaves a module without a grow as it is', () => {
    const input = new Uint8Array(readFileSync(join(ROOT, 'test/fixtures/wat/tiny-echo.wasm')));
    const { bytes, refusedGrowExport } = guardGrowth(input, CAPS);
    expect(refusedGrowExport).toBeNull();
    expect(Buffer.from(bytes).equals(Buffer.from(input))).toBe(true);
  });

  it('finds the same grows as wabt in every committed module and the C programs of the WASI test suite', () => {
    const files = [join(ROOT, 'examples'), join(ROOT, 'test/fixtures'), ...(findTestsuite() ? [join(findTestsuite()!, 'c')] : [])].flatMap(wasmFiles);
    let checked = 0;
    for (const file of files) {
      const input = new Uint8Array(readFileSync(file));
      if (!WebAssembly.validate(input) || input.length > 4_000_000) continue;
      const { bytes } = guardGrowth(input, { maxMemoryPages: 65536, maxTableElements: 1 << 20 });
      expect({ file, grows: growsWithCalls(bytes).map(([, grow]) => grow) }).toEqual({ file, grows: instructionLines(input).filter(isGrow) });
      expect(WebAssembly.validate(bytes)).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('names an opcode it does not know and where it is', () => {
    // (type (func)) (func) whose body is memory.grow 0, then the undefined opcode 0xff, then end.
    const code = [1, 5, 0, 0x40, 0x00, 0xff, 0x0b];
    const input = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 10, code.length, ...code]);
    expect(() => guardGrowth(input, CAPS)).toThrow(WasmFormatError);
    expect(() => guardGrowth(input, CAPS)).toThrow('code section, function body 0: unknown opcode 0xff at byte offset 25');
  });

  it('counts each type of a recursion group', () => {
    const section = Uint8Array.from([
      3, // entries
      0x60, 0, 0, // (func)
      0x4e, 2, 0x5f, 1, 0x78, 1, 0x5e, 0x7f, 0, // (rec (struct (field (mut i8))) (array i32))
      0x4f, 1, 0, 0x60, 1, 0x7f, 1, 0x64, 0x70, // (sub final 0 (func (param i32) (result (ref func))))
    ]);
    expect(countTypes(section, 0, section.length)).toBe(4);
  });
});

function wasmFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return wasmFiles(path);
    return name.endsWith('.wasm') ? [path] : [];
  });
}

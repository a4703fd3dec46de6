import { ProblemException } from '../../src/http/problem';
import { checkStructure, DECLARED_COUNT_LIMITS, MEASURED_LIMITS, structureCap } from '../../src/wasm-modules/structure-limits';
import { declaredCounts, inspectWasm, measureStructure, WasmFormatError } from '../../src/common/wasm-binary';
import { nestedBlocks, wasiCommand } from '../support/wasm-modules';
import { watAssembler } from '../support/wat';

const { wat } = watAssembler();

const measure = (bytes: Uint8Array) => measureStructure(bytes, inspectWasm(bytes));
const MiB = 2 ** 20;

describe('measureStructure', () => {
  it('counts functions, tables, their elements, segments and their entries', () => {
    const bytes = wat(`(module
      (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
      (type (func)) (type (func (param i32)))
      (table $a 10 funcref) (table $b 5 20 externref)
      (memory 1)
      (global i32 (i32.const 0)) (global (mut i64) (i64.const 1))
      (func $f) (func $g)
      (elem (table $a) (i32.const 0) func $f $g $f)
      (elem func $f)
      (elem funcref (ref.func $g) (ref.null func))
      (elem declare func $g)
      (data (i32.const 0) "a") (data "b")
      (export "f" (func $f)) (export "t" (table $a)))`);
    expect(measure(bytes)).toMatchObject({
      types: 3, // the two declared, and the import's
      imports: 1,
      exports: 2,
      functions: 3,
      globals: 2,
      tables: 2,
      tableElements: 15,
      elementSegments: 4,
      elementEntries: 7,
      dataSegments: 2,
    });
  });

  it('finds the deepest nesting and the most locals, by function index', () => {
    const bytes = wat(`(module
      (import "wasi_snapshot_preview1" "proc_exit" (func (param i32)))
      (func (local i32 i64) (block (loop (nop))))
      (func (param i32) (local i32 i32 i32 f64 v128)
        (block (block (if (local.get 0) (then (block (nop)))) (br_table 0 1 1 (local.get 0))))
        (drop (v128.const i8x16 2 2 2 2 3 3 3 3 4 4 4 4 6 6 6 6))
        (drop (i32.const 2)) (drop (f64.const 2.0000000002)) (drop (i64.load offset=2 (i32.const 3))))
      (func (try (do (nop)) (catch_all (block (nop))))))`);
    expect(measure(bytes)).toMatchObject({ locals: { count: 5, functionIndex: 2 }, nesting: { count: 4, functionIndex: 2 } });
  });

  it('steps over SIMD lanes, atomics and bulk memory without mistaking their bytes for blocks', () => {
    const bytes = wat(`(module (memory 1 1 shared) (data "x")
      (func (result i32)
        (drop (i8x16.extract_lane_s 2 (v128.load8_lane offset=2 3 (i32.const 0) (v128.const i64x2 0x0202020202020202 0x0303030303030303))))
        (drop (i8x16.shuffle 2 3 4 2 3 4 2 3 4 2 3 4 2 3 4 2 (v128.const i32x4 0 0 0 0) (v128.const i32x4 0 0 0 0)))
        (atomic.fence)
        (drop (i32.atomic.rmw.add offset=2 (i32.const 0) (i32.const 2)))
        (memory.init 0 (i32.const 0) (i32.const 0) (i32.const 0))
        (memory.fill (i32.const 2) (i32.const 2) (i32.const 2))
        (drop (select (result funcref) (ref.null func) (ref.null func) (i32.const 2)))
        (block (result i32) (i32.const 2)))
      (func (local funcref externref i32) (block (nop))))`);
    expect(measure(bytes)).toMatchObject({ nesting: { count: 1, functionIndex: 0 }, locals: { count: 3, functionIndex: 1 } });
  });

  it('refuses an opcode the instruction decoder does not know, rather than guess its immediates', () => {
    // 0x27 is no instruction: taken for one without immediates, the block after it would count.
    const bytes = wasiCommand({ startCode: Buffer.of(0x27, 0x02, 0x40, 0x0b) });
    expect(() => measure(bytes)).toThrow(WasmFormatError);
    expect(() => measure(bytes)).toThrow(/unknown opcode 0x27/);
  });

  it('measures a million nested blocks in one pass', () => {
    const bytes = wasiCommand({ startCode: nestedBlocks(1_000_000) });
    expect(measure(bytes).nesting).toEqual({ count: 1_000_000, functionIndex: 0 });
  });

  it('reads the declared counts from the section headers alone', () => {
    expect(declaredCounts(wasiCommand({ fdWriteImports: 3 }))).toMatchObject({ imports: 3, exports: 2, types: 2 });
    // A count promising entries that are not there is not decoded, so not noticed here...
    const truncated = wasiCommand({ fdWriteImports: 2 });
    truncated[truncated.indexOf(Buffer.from('wasi_snapshot_preview1')) - 2] = 0x7f;
    expect(declaredCounts(truncated).imports).toBe(127);
    // ...but decoding them is a format error.
    expect(() => measure(truncated)).toThrow(WasmFormatError);
  });
});

describe('structure caps', () => {
  const declared = (structure: object, memory = 128 * MiB) => () => checkStructure([...DECLARED_COUNT_LIMITS, ...MEASURED_LIMITS], structure, memory, 'pro');

  it('scale with the memory cap, up to the engines\' limits', () => {
    const tableElements = MEASURED_LIMITS.find((limit) => limit.name === 'tableElements')!;
    expect(structureCap(tableElements, 128 * MiB)).toBe(2_097_152);
    expect(structureCap(tableElements, 32 * MiB)).toBe(524_288);
    expect(structureCap(tableElements, 4096 * MiB)).toBe(10_000_000);
    const nesting = MEASURED_LIMITS.find((limit) => limit.name === 'nesting')!;
    expect(structureCap(nesting, 128 * MiB)).toBe(65_536);
    expect(structureCap(nesting, 32 * MiB)).toBe(16_384);
  });

  it('name the limit, the declared value and the cap', () => {
    const thrown = (() => {
      try {
        declared({ tables: 100, tableElements: 104_857_600 })();
      } catch (error) {
        return error as ProblemException;
      }
    })();
    expect(thrown).toBeInstanceOf(ProblemException);
    expect(thrown!.getStatus()).toBe(422);
    expect(thrown!.code).toBe('module_structure_too_large');
    expect(thrown!.detail).toBe('The module declares 100 tables with 104,857,600 elements in total; the pro tier allows 2,097,152');
    expect(thrown!.extensions).toEqual({ limit: 'tableElements', declared: 104_857_600, allowed: 2_097_152, tier: 'pro' });
  });

  it('say in which function the nesting or the locals are', () => {
    expect(declared({ nesting: { count: 1_000_000, functionIndex: 7 } })).toThrow('The module nests blocks 1,000,000 deep in function 7; the pro tier allows 65,536');
    expect(declared({ locals: { count: 50_001, functionIndex: 3 } })).toThrow('The module declares 50,001 locals in function 3; the pro tier allows 50,000');
  });

  it('let what a tier allows through', () => {
    expect(declared({ imports: 100_000, functions: 524_288, tables: 100, tableElements: 2_097_152, nesting: { count: 65_536, functionIndex: 0 } })).not.toThrow();
    expect(declared({ functions: 524_288 }, 32 * MiB)).toThrow('declares 524,288 functions; the pro tier allows 131,072');
  });
});

/**
 * Parsers for the type encodings that occur in import, table and memory
 * entries: value types, reference/heap types, limits, table types and
 * constant expressions (the latter only skipped, never interpreted).
 */
import { Reader } from './reader';

function hex(b: number): string {
  return `0x${b.toString(16).padStart(2, '0')}`;
}

/** Byte of `(ref null ht)` / `(ref ht)`, each followed by an s33 heap type. */
const REF_NULL = 0x63;
const REF = 0x64;

/** Single-byte reference type shorthands: funcref 0x70, externref 0x6f, GC/EH/stringref abbreviations. */
function isRefShorthand(b: number): boolean {
  return b >= 0x65 && b <= 0x75;
}

/** Single-byte number and vector types: i32 i64 f32 f64 v128. */
function isNumOrVec(b: number): boolean {
  return b >= 0x7b && b <= 0x7f;
}

export function readHeapType(r: Reader): void {
  r.signed(33);
}

export function readRefType(r: Reader): void {
  const at = r.pos;
  const b = r.u8('reference type');
  if (b === REF_NULL || b === REF) return readHeapType(r);
  if (!isRefShorthand(b)) r.fail(`unsupported reference type ${hex(b)}`, at);
}

export function readValType(r: Reader): void {
  const at = r.pos;
  const b = r.u8('value type');
  if (b === REF_NULL || b === REF) return readHeapType(r);
  if (!isNumOrVec(b) && !isRefShorthand(b)) r.fail(`unsupported value type ${hex(b)}`, at);
}

/** Where a limits encoding sits in the module, and what it says. */
export interface LimitsSpan {
  /** Offset of the flags byte. */
  start: number;
  flags: number;
  min: number;
  max: number | null;
  /** Offset just past the min LEB (== start of the max LEB if any). */
  minEnd: number;
  /** Offset just past the limits. */
  end: number;
  shared: boolean;
  /** memory64 / table64: min and max are u64 LEB128. */
  is64: boolean;
}

export const LIMITS_HAS_MAX = 0x01;
export const LIMITS_SHARED = 0x02;
export const LIMITS_64 = 0x04;

export function readLimits(r: Reader, what: 'memory' | 'table'): LimitsSpan {
  const start = r.pos;
  const flags = r.u8(`${what} limits flags`);
  if (flags > 0x07) {
    const extra = flags & 0x08 ? ' (custom page sizes are not supported)' : '';
    r.fail(`unsupported ${what} limits flags ${hex(flags)}${extra}`, start);
  }
  const is64 = (flags & LIMITS_64) !== 0;
  const min = is64 ? r.u64() : r.u32();
  const minEnd = r.pos;
  const max = flags & LIMITS_HAS_MAX ? (is64 ? r.u64() : r.u32()) : null;
  return { start, flags, min, max, minEnd, end: r.pos, shared: (flags & LIMITS_SHARED) !== 0, is64 };
}

export function readTableType(r: Reader): LimitsSpan {
  readRefType(r);
  return readLimits(r, 'table');
}

/** Skips a constant expression up to and including its `end` (0x0b) opcode. */
export function skipConstExpr(r: Reader): void {
  for (;;) {
    const at = r.pos;
    const op = r.u8('constant expression opcode');
    switch (op) {
      case 0x0b: // end
        return;
      case 0x41: // i32.const
        r.signed(32);
        break;
      case 0x42: // i64.const
        r.signed(64);
        break;
      case 0x43: // f32.const
        r.skip(4, 'f32 constant');
        break;
      case 0x44: // f64.const
        r.skip(8, 'f64 constant');
        break;
      case 0x23: // global.get
      case 0xd2: // ref.func
        r.u32();
        break;
      case 0xd0: // ref.null
        readHeapType(r);
        break;
      case 0x6a: case 0x6b: case 0x6c: // i32.add/sub/mul (extended-const)
      case 0x7c: case 0x7d: case 0x7e: // i64.add/sub/mul
        break;
      case 0xfb: // GC prefix
        skipGcConstOp(r, at);
        break;
      case 0xfd: // SIMD prefix: only v128.const is constant
        if (r.u32() !== 12) r.fail('unsupported SIMD opcode in constant expression', at);
        r.skip(16, 'v128 constant');
        break;
      default:
        r.fail(`unsupported opcode ${hex(op)} in constant expression`, at);
    }
  }
}

function skipGcConstOp(r: Reader, at: number): void {
  const sub = r.u32();
  switch (sub) {
    case 0: case 1: case 6: case 7: // struct.new(_default), array.new(_default) typeidx
      r.u32();
      return;
    case 8: // array.new_fixed typeidx n
      r.u32();
      r.u32();
      return;
    case 0x1a: case 0x1b: case 0x1c: // any.convert_extern, extern.convert_any, ref.i31
      return;
    default:
      r.fail(`unsupported GC opcode 0xfb ${sub} in constant expression`, at);
  }
}

/**
 * One walk over the code section: each function body's locals are summed and its instructions
 * stepped over (an opcode, then just enough of its immediates to find the next one), keeping
 * how deep blocks nest. Nothing is validated beyond what stepping needs: V8 validates the module
 * afterwards, so an opcode unknown here is taken to have no immediates rather than refused.
 */
import { Reader } from './reader';
import { readHeapType, readValType } from './wasm-types';

/** The function with the highest count of something, by its index in the module's function index space. */
export interface FunctionCount {
  count: number;
  functionIndex: number;
}

export interface CodeShape {
  /** The most locals any one function declares (parameters not included). */
  locals: FunctionCount;
  /** The deepest nesting of blocks (block, loop, if, try, try_table) in any function. */
  nesting: FunctionCount;
}

const END = 0x0b;
const REF_NULL = 0x63;
const REF = 0x64;
const TRY_TABLE = 0x1f;
/** Legacy exception handling: `delegate` closes its `try` in place of `end`. */
const DELEGATE = 0x18;

/** Steps over a LEB128 number without decoding it (V8 checks its range). */
function skipLeb(r: Reader): void {
  while (r.u8('LEB128 byte') & 0x80);
}

function skipLebs(r: Reader, count: number): void {
  for (let i = 0; i < count; i++) skipLeb(r);
}

function skipBlockType(r: Reader): void {
  const b = r.peek('block type');
  if (b === REF_NULL || b === REF) {
    r.u8();
    readHeapType(r);
  } else {
    r.signed(33); // 0x40 (empty), a one-byte value type, or a type index
  }
}

/** Alignment (its bit 6 announces a memory index), then the offset. */
function skipMemarg(r: Reader): void {
  const align = r.u32();
  if (align & 0x40) skipLeb(r);
  skipLeb(r);
}

/** Immediates of one-byte opcodes; those not listed have none. */
function skipPlainImmediates(r: Reader, op: number): void {
  if (op >= 0x28 && op <= 0x3e) return skipMemarg(r);
  switch (op) {
    case 0x07: case 0x08: case 0x09: case 0x0c: case 0x0d: case 0x10: case 0x12: case 0x14: case 0x15:
    case 0x20: case 0x21: case 0x22: case 0x23: case 0x24: case 0x25: case 0x26: case 0x3f: case 0x40:
    case 0xd2: case 0xd5: case 0xd6:
      return skipLeb(r);
    case 0x11: case 0x13: // call_indirect, return_call_indirect: type, table
      return skipLebs(r, 2);
    case 0x0e: // br_table: the labels, then the default
      return skipLebs(r, r.u32() + 1);
    case 0x1c: // select with types
      for (let n = r.u32(), i = 0; i < n; i++) readValType(r);
      return;
    case 0x41: case 0x42:
      return skipLeb(r);
    case 0x43:
      return r.skip(4, 'f32 constant');
    case 0x44:
      return r.skip(8, 'f64 constant');
    case 0xd0:
      return readHeapType(r);
  }
}

/** 0xfb: garbage collection. */
function skipGcImmediates(r: Reader, sub: number): void {
  if ([2, 3, 4, 5, 8, 9, 10, 17, 18, 19].includes(sub)) return skipLebs(r, 2);
  if ([0, 1, 6, 7, 11, 12, 13, 14, 16].includes(sub)) return skipLeb(r);
  if (sub >= 20 && sub <= 23) return readHeapType(r);
  if (sub === 24 || sub === 25) {
    // br_on_cast(_fail): flags, label, two heap types
    r.u8('cast flags');
    skipLeb(r);
    readHeapType(r);
    readHeapType(r);
  }
}

/** 0xfc: saturating truncation (none), bulk memory and table instructions. */
function skipMiscImmediates(r: Reader, sub: number): void {
  if (sub === 8 || sub === 10 || sub === 12 || sub === 14) return skipLebs(r, 2);
  if (sub === 9 || sub === 11 || sub === 13 || (sub >= 15 && sub <= 18)) skipLeb(r);
}

/** 0xfd: SIMD. */
function skipSimdImmediates(r: Reader, sub: number): void {
  if (sub <= 0x0b || sub === 0x5c || sub === 0x5d) return skipMemarg(r);
  if (sub === 0x0c || sub === 0x0d) return r.skip(16, 'v128 immediate');
  if (sub >= 0x15 && sub <= 0x22) return r.skip(1, 'lane index');
  if (sub >= 0x54 && sub <= 0x5b) {
    skipMemarg(r);
    r.skip(1, 'lane index');
  }
}

/** 0xfe: atomics; every one but `atomic.fence` (one zero byte) takes a memarg. */
function skipAtomicImmediates(r: Reader, sub: number): void {
  if (sub === 0x03) r.skip(1, 'atomic.fence byte');
  else skipMemarg(r);
}

function skipPrefixedImmediates(r: Reader, prefix: number): void {
  const sub = r.u32();
  if (prefix === 0xfb) skipGcImmediates(r, sub);
  else if (prefix === 0xfc) skipMiscImmediates(r, sub);
  else if (prefix === 0xfd) skipSimdImmediates(r, sub);
  else skipAtomicImmediates(r, sub);
}

/** `try_table`: its block type, then its catch clauses (kind, tag for 0 and 1, label). */
function skipTryTable(r: Reader): void {
  skipBlockType(r);
  for (let n = r.u32(), i = 0; i < n; i++) {
    const kind = r.u8('catch kind');
    skipLebs(r, kind < 2 ? 2 : 1);
  }
}

/** The deepest nesting of one body's instructions, from `r.pos` to `r.end`. */
function deepestNesting(r: Reader): number {
  let depth = 0;
  let deepest = 0;
  while (!r.atEnd) {
    const op = r.u8('opcode');
    switch (op) {
      case 0x02: case 0x03: case 0x04: case 0x06: // block, loop, if, try
      case TRY_TABLE:
        if (op === TRY_TABLE) skipTryTable(r);
        else skipBlockType(r);
        if (++depth > deepest) deepest = depth;
        break;
      case END:
      case DELEGATE: // closes its try, and names a label
        if (op === DELEGATE) skipLeb(r);
        if (depth > 0) depth--;
        break;
      case 0xfb: case 0xfc: case 0xfd: case 0xfe:
        skipPrefixedImmediates(r, op);
        break;
      default:
        skipPlainImmediates(r, op);
    }
  }
  return deepest;
}

function declaredLocals(r: Reader): number {
  let locals = 0;
  for (let n = r.u32(), i = 0; i < n; i++) {
    locals += r.u32();
    readValType(r);
  }
  return locals;
}

/** Scans the code section's bodies; `firstIndex` is the index of its first function (after the imported ones). */
export function scanCode(bytes: Uint8Array, contentStart: number, end: number, firstIndex: number): CodeShape {
  const section = new Reader(bytes, contentStart, end, 'code section');
  const shape: CodeShape = { locals: { count: 0, functionIndex: -1 }, nesting: { count: 0, functionIndex: -1 } };
  for (let n = section.u32(), i = 0; i < n; i++) {
    const size = section.u32();
    const bodyStart = section.pos;
    section.skip(size, 'function body');
    const body = new Reader(bytes, bodyStart, bodyStart + size, 'function body');
    const locals = declaredLocals(body);
    if (locals > shape.locals.count) shape.locals = { count: locals, functionIndex: firstIndex + i };
    const depth = deepestNesting(body);
    if (depth > shape.nesting.count) shape.nesting = { count: depth, functionIndex: firstIndex + i };
  }
  section.expectEnd();
  return shape;
}

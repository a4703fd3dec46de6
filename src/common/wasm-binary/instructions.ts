/**
 * Decoder for the instructions of function bodies: it finds where each instruction starts and
 * ends without interpreting it (no stack typing, no block matching; the engine validates the
 * module afterwards). Covers the core spec 2.0 and the proposals an engine may accept: tail
 * calls, exception handling (legacy and exnref), typed function references, GC, SIMD and relaxed
 * SIMD (0xFD), threads (0xFE), bulk memory and reference types (0xFC), multi-memory and memory64
 * memargs. An opcode it does not know is a WasmFormatError, never a guess, so no byte is ever
 * taken for an opcode that is in fact an immediate.
 */
import { Reader } from './reader';

export const PREFIX_GC = 0xfb;
export const PREFIX_MISC = 0xfc;
export const PREFIX_SIMD = 0xfd;
export const PREFIX_THREADS = 0xfe;

export const OP_END = 0x0b;
export const OP_CALL = 0x10;
export const OP_MEMORY_SIZE = 0x3f;
export const OP_MEMORY_GROW = 0x40;
/** Sub-opcodes of the 0xFC prefix. */
export const MISC_TABLE_GROW = 15;
export const MISC_TABLE_SIZE = 16;

/** What follows an opcode byte. */
const enum Imm {
  Invalid,
  None,
  Index,
  TwoIndices,
  BlockType,
  BrTable,
  MemArg,
  Leb,
  Bytes4,
  Bytes8,
  SelectTypes,
  HeapType,
  TryTable,
  Prefix,
}

const SINGLE = new Uint8Array(256).fill(Imm.Invalid);

function set(imm: Imm, ...ranges: Array<number | [number, number]>): void {
  for (const range of ranges) {
    const [from, to] = typeof range === 'number' ? [range, range] : range;
    SINGLE.fill(imm, from, to + 1);
  }
}

// unreachable nop else end; try_table's "catch" clauses and legacy catch_all; throw_ref; return;
// drop select; ref.is_null ref.eq ref.as_non_null; every numeric instruction 0x45-0xC4.
set(Imm.None, 0x00, 0x01, 0x05, 0x0a, 0x0b, 0x0f, 0x19, 0x1a, 0x1b, 0xd1, 0xd3, 0xd4, [0x45, 0xc4]);
// block loop if try
set(Imm.BlockType, [0x02, 0x04], 0x06);
// catch throw rethrow br br_if call return_call call_ref return_call_ref delegate
// local.* global.* table.get table.set memory.size memory.grow ref.func br_on_null br_on_non_null
set(Imm.Index, 0x07, 0x08, 0x09, 0x0c, 0x0d, 0x10, 0x12, 0x14, 0x15, 0x18, [0x20, 0x26], 0x3f, 0x40, 0xd2, 0xd5, 0xd6);
set(Imm.BrTable, 0x0e);
// call_indirect return_call_indirect: type index, table index
set(Imm.TwoIndices, 0x11, 0x13);
set(Imm.SelectTypes, 0x1c);
set(Imm.TryTable, 0x1f);
// loads and stores
set(Imm.MemArg, [0x28, 0x3e]);
// i32.const i64.const (signed LEBs, skipped as bytes)
set(Imm.Leb, 0x41, 0x42);
set(Imm.Bytes4, 0x43);
set(Imm.Bytes8, 0x44);
set(Imm.HeapType, 0xd0);
set(Imm.Prefix, PREFIX_GC, PREFIX_MISC, PREFIX_SIMD, PREFIX_THREADS);

function hex(n: number): string {
  return `0x${n.toString(16).padStart(2, '0')}`;
}

/** Skips a LEB128 of at most `maxBytes` bytes without computing its value (most immediates). */
function skipLeb(r: Reader, maxBytes = 10): void {
  const start = r.pos;
  for (let i = 0; i < maxBytes; i++) {
    if (r.pos >= r.end) r.fail('truncated LEB128 in an instruction', start);
    if ((r.bytes[r.pos++] & 0x80) === 0) return;
  }
  r.fail('LEB128 too long in an instruction', start);
}

const REF_NULL = 0x63;
const REF = 0x64;

/** A value type (or block type byte) is one byte, but `(ref null? ht)` carries a heap type. */
function skipValType(r: Reader): void {
  const b = r.u8('value type');
  if (b === REF_NULL || b === REF) skipLeb(r, 5);
}

function skipBlockType(r: Reader): void {
  // 0x40 (empty), a value type, or an s33 type index: all LEB-shaped, one byte unless an index.
  const b = r.peek('block type');
  skipLeb(r, 5);
  if (b === REF_NULL || b === REF) skipLeb(r, 5);
}

/** A u32 immediate whose value does not matter here. */
const skipIndex = (r: Reader) => skipLeb(r, 5);

function skipMemArg(r: Reader): void {
  const align = r.u32();
  if (align & 0x40) skipIndex(r); // multi-memory: the memory index follows
  skipLeb(r); // offset: u32, or u64 for memory64
}

function skipTryTable(r: Reader): void {
  skipBlockType(r);
  for (let n = r.u32(), i = 0; i < n; i++) {
    const at = r.pos;
    const kind = r.u8('catch clause kind');
    if (kind > 3) r.fail(`unknown catch clause kind ${hex(kind)}`, at);
    if (kind < 2) skipIndex(r); // catch, catch_ref: tag index
    skipIndex(r); // label
  }
}

function skipGc(r: Reader, sub: number, at: number): void {
  if (sub <= 1 || (sub >= 6 && sub <= 7) || (sub >= 11 && sub <= 14) || sub === 16) return skipIndex(r);
  if ((sub >= 2 && sub <= 5) || (sub >= 8 && sub <= 10) || (sub >= 17 && sub <= 19)) {
    skipIndex(r);
    skipIndex(r);
    return;
  }
  if (sub >= 20 && sub <= 23) return skipLeb(r, 5); // ref.test / ref.cast heap type
  if (sub === 24 || sub === 25) {
    // br_on_cast(_fail): cast flags, label, source and target heap types
    r.u8('cast flags');
    skipIndex(r);
    skipLeb(r, 5);
    skipLeb(r, 5);
    return;
  }
  if (sub === 15 || (sub >= 26 && sub <= 30)) return; // array.len, conversions, i31
  r.fail(`unknown instruction ${hex(PREFIX_GC)} ${sub}`, at);
}

function skipMisc(r: Reader, sub: number, at: number): void {
  if (sub <= 7) return; // saturating truncations
  switch (sub) {
    case 9: // data.drop
    case 11: // memory.fill
    case 13: // elem.drop
    case MISC_TABLE_GROW:
    case MISC_TABLE_SIZE:
    case 17: // table.fill
      skipIndex(r);
      return;
    case 8: // memory.init data memory
    case 10: // memory.copy memory memory
    case 12: // table.init elem table
    case 14: // table.copy table table
      skipIndex(r);
      skipIndex(r);
      return;
    default:
      r.fail(`unknown instruction ${hex(PREFIX_MISC)} ${sub}`, at);
  }
}

/** Last SIMD opcode (relaxed SIMD ends at 0x113). */
const SIMD_LAST = 0x113;

function skipSimd(r: Reader, sub: number, at: number): void {
  if (sub <= 0x0b || sub === 0x5c || sub === 0x5d) return skipMemArg(r); // loads, store, load_zero
  if (sub === 0x0c || sub === 0x0d) return r.skip(16, 'v128 immediate'); // v128.const, i8x16.shuffle
  if (sub >= 0x15 && sub <= 0x22) return r.skip(1, 'lane index'); // extract_lane / replace_lane
  if (sub >= 0x54 && sub <= 0x5b) {
    skipMemArg(r); // load_lane / store_lane
    r.skip(1, 'lane index');
    return;
  }
  if (sub > SIMD_LAST) r.fail(`unknown instruction ${hex(PREFIX_SIMD)} ${sub}`, at);
}

function skipThreads(r: Reader, sub: number, at: number): void {
  if (sub === 0x03) return r.skip(1, 'atomic.fence reserved byte');
  if (sub <= 0x02 || (sub >= 0x10 && sub <= 0x4e)) return skipMemArg(r);
  r.fail(`unknown instruction ${hex(PREFIX_THREADS)} ${sub}`, at);
}

/** The opcode of a prefixed instruction as `readInstruction` returns it. */
export function prefixed(prefix: number, sub: number): number {
  return prefix * 0x10000 + sub;
}

/**
 * Reads the instruction at `r.pos` and moves past its immediates. Returns its opcode: the byte,
 * or `prefixed(prefix, sub)` for the 0xFB-0xFE families.
 */
export function readInstruction(r: Reader): number {
  const at = r.pos;
  const op = r.u8('opcode');
  switch (SINGLE[op] as Imm) {
    case Imm.None:
      return op;
    case Imm.Index:
      skipIndex(r);
      return op;
    case Imm.TwoIndices:
      skipIndex(r);
      skipIndex(r);
      return op;
    case Imm.BlockType:
      skipBlockType(r);
      return op;
    case Imm.BrTable:
      for (let n = r.u32(), i = 0; i <= n; i++) skipIndex(r);
      return op;
    case Imm.MemArg:
      skipMemArg(r);
      return op;
    case Imm.Leb:
      skipLeb(r);
      return op;
    case Imm.Bytes4:
      r.skip(4, 'f32 constant');
      return op;
    case Imm.Bytes8:
      r.skip(8, 'f64 constant');
      return op;
    case Imm.SelectTypes:
      for (let n = r.u32(), i = 0; i < n; i++) skipValType(r);
      return op;
    case Imm.HeapType:
      skipLeb(r, 5);
      return op;
    case Imm.TryTable:
      skipTryTable(r);
      return op;
    case Imm.Prefix: {
      const sub = r.u32();
      if (op === PREFIX_GC) skipGc(r, sub, at);
      else if (op === PREFIX_MISC) skipMisc(r, sub, at);
      else if (op === PREFIX_SIMD) skipSimd(r, sub, at);
      else skipThreads(r, sub, at);
      return prefixed(op, sub);
    }
    default:
      return r.fail(`unknown opcode ${hex(op)}`, at);
  }
}

/** One function body of the code section. */
export interface FunctionBody {
  /** Its position in the code section. */
  index: number;
  /** Offset of the body's size LEB. */
  start: number;
  /** Offset of its local declarations, just past the size. */
  localsStart: number;
  /** Offset just past its final `end`. */
  end: number;
}

/**
 * The body count of a code section whose content is [contentStart, end), where the count ends,
 * and those of its function bodies that hold one of `offsets` (ascending): found from their sizes,
 * without decoding any.
 */
export function bodiesHolding(bytes: Uint8Array, contentStart: number, end: number, offsets: number[]): { count: number; countEnd: number; bodies: FunctionBody[] } {
  const r = new Reader(bytes, contentStart, end, 'code section');
  const count = r.u32();
  const countEnd = r.pos;
  const bodies: FunctionBody[] = [];
  let next = 0;
  for (let index = 0; index < count; index++) {
    const start = r.pos;
    const size = r.u32();
    const bodyEnd = r.pos + size;
    if (bodyEnd > end) r.fail(`function body ${index} runs past the end of the section`, start);
    while (next < offsets.length && offsets[next] < start) next++;
    if (next < offsets.length && offsets[next] < bodyEnd) bodies.push({ index, start, localsStart: r.pos, end: bodyEnd });
    r.pos = bodyEnd;
  }
  r.expectEnd();
  return { count, countEnd, bodies };
}

/** Calls `visit` with the opcode and start offset of every instruction of `body`, in order. */
export function forEachInstruction(bytes: Uint8Array, body: FunctionBody, visit: (opcode: number, at: number) => void): void {
  const r = new Reader(bytes, body.localsStart, body.end, `code section, function body ${body.index}`);
  for (let n = r.u32(), i = 0; i < n; i++) {
    skipIndex(r);
    skipValType(r);
  }
  let last = -1;
  while (!r.atEnd) {
    const at = r.pos;
    last = readInstruction(r);
    visit(last, at);
  }
  if (last !== OP_END) r.fail('function body does not end with `end`', body.end);
}

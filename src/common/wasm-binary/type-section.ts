/**
 * Counts the types a type section defines, and decodes the function types asked for. With the GC
 * proposal an entry may be a recursion group of several types, and every type of a group has its
 * own index, so the number of entries is not the number of types; a type appended to the section
 * gets the index `countTypes` returns.
 */
import { Reader } from './reader';
import { readValType } from './wasm-types';

const REC = 0x4e;
const SUB = 0x50;
const SUB_FINAL = 0x4f;
const FUNC = 0x60;
const STRUCT = 0x5f;
const ARRAY = 0x5e;
/** Packed storage types of struct and array fields. */
const I8 = 0x78;
const I16 = 0x77;

function skipFieldType(r: Reader): void {
  const b = r.peek('storage type');
  if (b === I8 || b === I16) r.u8();
  else readValType(r);
  r.u8('field mutability');
}

function skipCompositeType(r: Reader): void {
  const at = r.pos;
  const form = r.u8('type form');
  if (form === FUNC) {
    for (let n = r.u32(), i = 0; i < n; i++) readValType(r);
    for (let n = r.u32(), i = 0; i < n; i++) readValType(r);
  } else if (form === STRUCT) {
    for (let n = r.u32(), i = 0; i < n; i++) skipFieldType(r);
  } else if (form === ARRAY) {
    skipFieldType(r);
  } else {
    r.fail(`unknown type form 0x${form.toString(16)}`, at);
  }
}

function skipSubType(r: Reader): void {
  const b = r.peek('type');
  if (b === SUB || b === SUB_FINAL) {
    r.u8();
    for (let n = r.u32(), i = 0; i < n; i++) r.u32();
  }
  skipCompositeType(r);
}

/** The number of types defined by the type section whose content is [start, end). */
export function countTypes(bytes: Uint8Array, start: number, end: number): number {
  const r = new Reader(bytes, start, end, 'type section');
  let types = 0;
  for (let n = r.u32(), i = 0; i < n; i++) {
    if (r.peek('type') !== REC) {
      skipSubType(r);
      types++;
      continue;
    }
    r.u8();
    const members = r.u32();
    for (let k = 0; k < members; k++) skipSubType(r);
    types += members;
  }
  r.expectEnd();
  return types;
}

/** A function type's parameters and results, each named as in the text format (`i32`, `funcref`, `(ref null 3)`). */
export interface FunctionType {
  params: string[];
  results: string[];
}

const NUMERIC_TYPES: Readonly<Record<number, string>> = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128' };
/** Abstract heap types, by the byte of their reference type shorthand. */
const HEAP_TYPES: Readonly<Record<number, string>> = {
  0x75: 'nocont', 0x74: 'noexn', 0x73: 'nofunc', 0x72: 'noextern', 0x71: 'none', 0x70: 'func', 0x6f: 'extern',
  0x6e: 'any', 0x6d: 'eq', 0x6c: 'i31', 0x6b: 'struct', 0x6a: 'array', 0x69: 'exn', 0x68: 'cont',
};
const REF_NULL = 0x63;
const REF = 0x64;

function heapTypeName(r: Reader): string {
  const value = r.signed(33);
  if (value >= 0) return String(value);
  return HEAP_TYPES[value + 0x80] ?? `heap type ${value}`;
}

/** Reads a value type as `readValType` does, and names it. */
function readValTypeName(r: Reader): string {
  const b = r.peek('value type');
  if (b === REF_NULL || b === REF) {
    r.u8();
    return `(ref ${b === REF_NULL ? 'null ' : ''}${heapTypeName(r)})`;
  }
  readValType(r);
  const heap = HEAP_TYPES[b];
  // The bottom types' shorthands: nullref, nullfuncref, nullexternref, nullexnref, nullcontref.
  const shorthand = heap && (heap === 'none' ? 'null' : heap.startsWith('no') ? `null${heap.slice(2)}` : heap);
  return NUMERIC_TYPES[b] ?? (shorthand ? `${shorthand}ref` : `0x${b.toString(16)}`);
}

function readFunctionType(r: Reader): FunctionType {
  const params: string[] = [];
  const results: string[] = [];
  for (let n = r.u32(), i = 0; i < n; i++) params.push(readValTypeName(r));
  for (let n = r.u32(), i = 0; i < n; i++) results.push(readValTypeName(r));
  return { params, results };
}

/** A subtype's composite type, decoded when it is a function type, else skipped (null). */
function readSubTypeIfFunction(r: Reader): FunctionType | null {
  const b = r.peek('type');
  if (b === SUB || b === SUB_FINAL) {
    r.u8();
    for (let n = r.u32(), i = 0; i < n; i++) r.u32();
  }
  if (r.peek('type form') !== FUNC) {
    skipCompositeType(r);
    return null;
  }
  r.u8();
  return readFunctionType(r);
}

/**
 * The types at `wanted` of the type section whose content is [start, end): a function type, or
 * null for a struct or array type. An index past the section's types is left out. Only the wanted
 * types are decoded; the others are stepped over.
 */
export function functionTypesAt(bytes: Uint8Array, start: number, end: number, wanted: ReadonlySet<number>): Map<number, FunctionType | null> {
  const found = new Map<number, FunctionType | null>();
  const r = new Reader(bytes, start, end, 'type section');
  let index = 0;
  const next = () => {
    if (wanted.has(index)) found.set(index, readSubTypeIfFunction(r));
    else skipSubType(r);
    index++;
  };
  for (let n = r.u32(), i = 0; i < n && found.size < wanted.size; i++) {
    if (r.peek('type') !== REC) {
      next();
      continue;
    }
    r.u8();
    for (let members = r.u32(), k = 0; k < members; k++) next();
  }
  return found;
}

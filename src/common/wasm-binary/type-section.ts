/**
 * Counts the types a type section defines. With the GC proposal an entry may be a recursion
 * group of several types, and every type of a group has its own index, so the number of entries
 * is not the number of types; a type appended to the section gets the index this returns.
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

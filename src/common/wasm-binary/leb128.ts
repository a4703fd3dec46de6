/**
 * LEB128 decoding/encoding for the WebAssembly binary format.
 *
 * Decoders are strict the way the core spec is: an N-bit integer may use at
 * most ceil(N/7) bytes and the unused high bits of the last byte must be zero
 * (unsigned) or copies of the sign bit (signed). Over-long but in-range
 * encodings (e.g. 0x80 0x00 for 0) are accepted, as the spec allows.
 * All failures are WasmFormatErrors naming the context and the byte offset.
 */
import { WasmFormatError } from './errors';

export interface Leb {
  value: number;
  /** Offset of the first byte after the encoding. */
  next: number;
}

function fail(context: string, message: string, at: number): never {
  throw new WasmFormatError(`${context}: ${message} at byte offset ${at}`);
}

/**
 * Unsigned LEB128 of at most `bits` bits (32 or 64). Values above 2^53 - 1
 * cannot be represented exactly as a number and are rejected.
 */
export function readUnsigned(
  bytes: Uint8Array,
  pos: number,
  end: number,
  bits: 32 | 64,
  context: string,
): Leb {
  const start = pos;
  const maxBytes = Math.ceil(bits / 7);
  const label = `LEB128 u${bits}`;
  let value = 0;
  for (let i = 0; ; i++) {
    if (pos >= end) fail(context, `truncated ${label} starting`, start);
    const byte = bytes[pos++];
    if (i === maxBytes - 1) {
      if (byte & 0x80) fail(context, `${label} longer than ${maxBytes} bytes`, start);
      if (byte >> (bits - 7 * i) !== 0) fail(context, `${label} value overflows ${bits} bits`, start);
    }
    value += (byte & 0x7f) * 2 ** (7 * i);
    if (!(byte & 0x80)) break;
  }
  if (value > Number.MAX_SAFE_INTEGER) fail(context, `${label} value too large to handle`, start);
  return { value, next: pos };
}

/**
 * Signed LEB128 of at most `bits` bits (32, 33 or 64). The returned value is
 * exact for bits <= 53; for s64 it is only approximate (use it for skipping).
 */
export function readSigned(
  bytes: Uint8Array,
  pos: number,
  end: number,
  bits: 32 | 33 | 64,
  context: string,
): Leb {
  const start = pos;
  const maxBytes = Math.ceil(bits / 7);
  const label = `LEB128 s${bits}`;
  let value = 0;
  for (let i = 0; ; i++) {
    if (pos >= end) fail(context, `truncated ${label} starting`, start);
    const byte = bytes[pos++];
    if (i === maxBytes - 1) {
      if (byte & 0x80) fail(context, `${label} longer than ${maxBytes} bytes`, start);
      const signBit = bits - 7 * i - 1;
      const mask = 0x7f & ~((1 << signBit) - 1);
      const high = byte & mask;
      if (high !== 0 && high !== mask) fail(context, `${label} value overflows ${bits} bits`, start);
    }
    value += (byte & 0x7f) * 2 ** (7 * i);
    if (!(byte & 0x80)) {
      if (byte & 0x40) value -= 2 ** (7 * (i + 1));
      break;
    }
  }
  return { value, next: pos };
}

export function readU32(bytes: Uint8Array, pos: number, end = bytes.length, context = 'module'): Leb {
  return readUnsigned(bytes, pos, end, 32, context);
}

export function readU64(bytes: Uint8Array, pos: number, end = bytes.length, context = 'module'): Leb {
  return readUnsigned(bytes, pos, end, 64, context);
}

/** Minimal unsigned LEB128 encoding of a non-negative safe integer. */
function encodeUnsigned(n: number, maxValue: number, label: string): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0 || n > maxValue) {
    throw new RangeError(`cannot encode ${n} as ${label}`);
  }
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return Uint8Array.from(out);
}

export function encodeU32(n: number): Uint8Array {
  return encodeUnsigned(n, 0xffffffff, 'LEB128 u32');
}

export function encodeU64(n: number): Uint8Array {
  return encodeUnsigned(n, Number.MAX_SAFE_INTEGER, 'LEB128 u64');
}

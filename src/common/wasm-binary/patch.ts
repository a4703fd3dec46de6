/** Byte-level editing of a module: patches applied to a section's content, and concatenation. */
import { encodeU32 } from './leb128';

/** Replace bytes [start, end) of the input with `data` (start == end inserts). */
export interface Patch {
  start: number;
  end: number;
  data: Uint8Array[];
}

/**
 * Appends `items` to `target` one by one: a rewritten code section has hundreds of thousands of
 * chunks, more than `push(...items)` can pass as arguments (a RangeError, "Maximum call stack").
 */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

export function totalLength(chunks: Uint8Array[]): number {
  let n = 0;
  for (const c of chunks) n += c.length;
  return n;
}

export function concat(chunks: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(totalLength(chunks));
  let pos = 0;
  for (const c of chunks) {
    out.set(c, pos);
    pos += c.length;
  }
  return out;
}

/** A section with id `id` around `content`, with its size LEB. */
export function sectionOf(id: number, content: Uint8Array[]): Uint8Array[] {
  return [Uint8Array.of(id), encodeU32(totalLength(content)), ...content];
}

/** Re-emits section `id` from input content [start, end) with `patches` (non-overlapping) applied, with a fresh size LEB. */
export function rebuildSection(bytes: Uint8Array, id: number, start: number, end: number, patches: Patch[]): Uint8Array[] {
  const content: Uint8Array[] = [];
  let pos = start;
  for (const p of patches.sort((a, b) => a.start - b.start || a.end - b.end)) {
    content.push(bytes.subarray(pos, p.start));
    pushAll(content, p.data);
    pos = p.end;
  }
  content.push(bytes.subarray(pos, end));
  return sectionOf(id, content);
}

/** A name as the binary format writes it: its UTF-8 length, then its bytes. */
export function encodeName(name: string): Uint8Array[] {
  const bytes = new TextEncoder().encode(name);
  return [encodeU32(bytes.length), bytes];
}

/**
 * Module header check and section splitting (without looking inside sections).
 */
import { WasmFormatError } from './errors';
import { readU32 } from './leb128';

/** Section ids by name. */
export const SECTION_ID = {
  custom: 0,
  type: 1,
  import: 2,
  function: 3,
  table: 4,
  memory: 5,
  global: 6,
  export: 7,
  start: 8,
  element: 9,
  code: 10,
  data: 11,
  datacount: 12,
  tag: 13,
} as const;

export const SECTION_NAMES: Readonly<Record<number, string>> = Object.fromEntries(Object.entries(SECTION_ID).map(([name, id]) => [id, name]));

/** Required relative order of non-custom sections (tag sits between memory and global). */
const SECTION_ORDER = [1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11];

/** Position of a non-custom section id in the required order. */
export function sectionRank(id: number): number {
  return SECTION_ORDER.indexOf(id);
}

export function sectionLabel(id: number): string {
  return `${SECTION_NAMES[id] ?? `unknown(${id})`} section`;
}

export interface SectionSpan {
  id: number;
  /** Offset of the id byte. */
  start: number;
  /** Offset of the first content byte (after the size LEB). */
  contentStart: number;
  /** Offset just past the content (== start of the next section). */
  end: number;
}

export const HEADER_SIZE = 8;

function checkHeader(bytes: Uint8Array): void {
  if (bytes.length < HEADER_SIZE) {
    throw new WasmFormatError(
      `module header: file is ${bytes.length} bytes, too short for the 8-byte WebAssembly header at byte offset 0`,
    );
  }
  if (bytes[0] !== 0x00 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new WasmFormatError('module header: missing \\0asm magic number at byte offset 0');
  }
  const version = bytes[4] | (bytes[5] << 8) | (bytes[6] << 16) | (bytes[7] << 24);
  if (version !== 1) {
    const hex = Array.from(bytes.subarray(4, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
    const what = bytes[4] === 0x0d && bytes[6] === 0x01 && bytes[7] === 0x00
      ? 'a WebAssembly component, not a core module'
      : 'unsupported binary version';
    throw new WasmFormatError(`module header: ${what} (version bytes ${hex}) at byte offset 4`);
  }
}

/**
 * How many custom sections the module has, read without splitting it: a step over each section's
 * id and size, and no more (the split checks them). Stops, with what it counted, where a size
 * runs past the end.
 */
export function countCustomSections(bytes: Uint8Array): number {
  let count = 0;
  let pos = HEADER_SIZE;
  while (pos < bytes.length) {
    const id = bytes[pos++];
    let size = 0;
    for (let shift = 0; pos < bytes.length && shift < 35; shift += 7) {
      const byte = bytes[pos++];
      size += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) break;
    }
    if (id === SECTION_ID.custom) count++;
    pos += size;
  }
  return count;
}

/** Checks the header and splits the module into sections, enforcing ids, sizes and order. */
export function splitSections(bytes: Uint8Array): SectionSpan[] {
  checkHeader(bytes);
  const sections: SectionSpan[] = [];
  let pos = HEADER_SIZE;
  let lastRank = -1;
  let lastId = -1;
  while (pos < bytes.length) {
    const start = pos;
    const id = bytes[pos++];
    if (id !== 0 && !(id in SECTION_NAMES)) {
      throw new WasmFormatError(`module: unknown section id ${id} at byte offset ${start}`);
    }
    const label = sectionLabel(id);
    const size = readU32(bytes, pos, bytes.length, `${label} header`);
    const contentStart = size.next;
    const end = contentStart + size.value;
    if (end > bytes.length) {
      throw new WasmFormatError(
        `${label}: declared size ${size.value} runs past the end of the module ` +
          `(${bytes.length - contentStart} bytes left) at byte offset ${pos}`,
      );
    }
    if (id !== 0) {
      const rank = sectionRank(id);
      if (rank <= lastRank) {
        throw new WasmFormatError(
          id === lastId
            ? `module: duplicate ${label} at byte offset ${start}`
            : `module: ${label} out of order (after ${sectionLabel(lastId)}) at byte offset ${start}`,
        );
      }
      lastRank = rank;
      lastId = id;
    }
    sections.push({ id, start, contentStart, end });
    pos = end;
  }
  return sections;
}

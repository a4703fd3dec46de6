/**
 * WASI commands assembled byte by byte, for structures too large to write as WAT: thousands of
 * imports, exports, tables, functions or nested blocks. Each exports `_start` (function 0 after
 * the imports, returning at once: exit 0) and `memory`.
 */
import { randomBytes } from 'node:crypto';
import { encodeU32 } from '../../src/common/wasm-binary';

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const FUNCREF = 0x70;
const END = 0x0b;

export function wasmName(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([encodeU32(bytes.length), bytes]);
}

export function wasmVector(items: Buffer[]): Buffer {
  return Buffer.concat([encodeU32(items.length), ...items]);
}

export function wasmSection(id: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.of(id), encodeU32(content.length), content]);
}

/** `count` copies of `item` as a vector, without an array of `count` buffers. */
function repeatedVector(item: Buffer, count: number): Buffer {
  return Buffer.concat([encodeU32(count), Buffer.alloc(item.length * count, item)]);
}

export interface CommandParts {
  /** Imports of `wasi_snapshot_preview1.fd_write`, all the same. */
  fdWriteImports?: number;
  /** Functions besides `_start`, each empty. */
  emptyFunctions?: number;
  /** Funcref tables, each with this many elements at least. */
  tables?: { count: number; elements: number };
  /** `_start`'s body between its locals and its `end`. */
  startCode?: Buffer;
  /** Export entries besides `_start` and `memory`. */
  exports?: Buffer[];
  /** Whether the memory is exported as `memory` (else the service exports it under its own name). */
  exportMemory?: boolean;
  /** A custom section of this many bytes, at the end. */
  customBytes?: number;
  /** This many empty custom sections named `a`, at the end. */
  emptyCustomSections?: number;
}

export function exportEntry(name: string, kind: 'function' | 'table' | 'memory', index: number): Buffer {
  return Buffer.concat([wasmName(name), Buffer.of(['function', 'table', 'memory'].indexOf(kind)), encodeU32(index)]);
}

/** A WASI command of the given parts. */
export function wasiCommand(parts: CommandParts): Buffer {
  const imports = parts.fdWriteImports ?? 0;
  const functions = parts.emptyFunctions ?? 0;
  const sections: Buffer[] = [Buffer.from(HEADER)];
  // type 0: () -> (), type 1: fd_write's (i32 i32 i32 i32) -> i32
  sections.push(wasmSection(1, wasmVector([Buffer.of(0x60, 0, 0), Buffer.of(0x60, 4, 0x7f, 0x7f, 0x7f, 0x7f, 1, 0x7f)])));
  if (imports > 0) {
    const entry = Buffer.concat([wasmName('wasi_snapshot_preview1'), wasmName('fd_write'), Buffer.of(0, 1)]);
    sections.push(wasmSection(2, repeatedVector(entry, imports)));
  }
  sections.push(wasmSection(3, repeatedVector(Buffer.of(0), functions + 1)));
  if (parts.tables) {
    sections.push(wasmSection(4, repeatedVector(Buffer.concat([Buffer.of(FUNCREF, 0), encodeU32(parts.tables.elements)]), parts.tables.count)));
  }
  sections.push(wasmSection(5, Buffer.of(1, 0, 1)));
  const exports = [exportEntry('_start', 'function', imports), ...(parts.exportMemory === false ? [] : [exportEntry('memory', 'memory', 0)]), ...(parts.exports ?? [])];
  sections.push(wasmSection(7, wasmVector(exports)));
  const startBody = Buffer.concat([Buffer.of(0), parts.startCode ?? Buffer.alloc(0), Buffer.of(END)]);
  const code = Buffer.concat([encodeU32(functions + 1), encodeU32(startBody.length), startBody, Buffer.alloc(3 * functions, Buffer.of(2, 0, END))]);
  sections.push(wasmSection(10, code));
  if (parts.customBytes) sections.push(wasmSection(0, Buffer.concat([wasmName('padding'), Buffer.alloc(parts.customBytes, 0x5a)])));
  if (parts.emptyCustomSections) sections.push(Buffer.alloc(4 * parts.emptyCustomSections, wasmSection(0, wasmName('a'))));
  return Buffer.concat(sections);
}

/** `_start` code of `depth` nested empty blocks. */
export function nestedBlocks(depth: number): Buffer {
  return Buffer.concat([Buffer.alloc(2 * depth, Buffer.of(0x02, 0x40)), Buffer.alloc(depth, END)]);
}

/** `count` export entries of `_start` under distinct names. */
export function extraStartExports(count: number, startIndex = 0): Buffer[] {
  return Array.from({ length: count }, (_, i) => exportEntry(`e${i}`, 'function', startIndex));
}

/** The same module with a custom section naming `nonce`: another sha256, the same code. */
export function withNonce(module: Buffer, nonce: number): Buffer {
  return Buffer.concat([module, wasmSection(0, Buffer.concat([wasmName('nonce'), Buffer.from(String(nonce))]))]);
}

/**
 * `module` with a custom section of `bytes` bytes appended: as valid, and as large as wanted. Its
 * content is a random part (`randomBytes`, at least 64 KiB), then a patterned one that compresses
 * (as real code does) and differs at every position, so that pieces read back out of order would show.
 */
export function padded(module: Buffer, bytes: number, random = Math.min(bytes, 64 * 1024)): Buffer {
  const name = Buffer.from('padding');
  const patterned = Buffer.alloc(bytes - random);
  for (let i = 0; i < patterned.length; i++) patterned[i] = (i + (i >> 10)) & 255;
  const body = Buffer.concat([encodeU32(name.length), name, randomBytes(random), patterned]);
  return Buffer.concat([module, Buffer.from([0]), encodeU32(body.length), body]);
}

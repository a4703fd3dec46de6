/**
 * Rewrites a module so that every memory and table has a maximum no larger
 * than the host's caps, and every memory/table is exported (under a reserved
 * `__wasmwiz_*` name the module does not use, if it was not) so the host can
 * measure it after a run;
 * optionally, its own memory becomes an import, so that the host can hand every
 * run a memory it already has (a fresh one costs V8 a multi-gigabyte
 * address-space reservation, its page faults and its release, more than running
 * a small module). Such a memory keeps index 0, its limits and its exports; data
 * segments still initialise it at instantiation.
 *
 * Only the limits encodings and the export section are re-encoded; every
 * other byte, including custom sections, is copied verbatim with
 * subarray/set: no per-byte work, however large the module.
 */
import { WasmLimitError } from './errors';
import { HIDDEN_EXPORT_PREFIX, unusedExportName } from './export-names';
import { guardGrowth } from './grow-guard';
import { encodeU32, encodeU64 } from './leb128';
import { ParsedModule, parseModule, VectorSectionInfo } from './inspect';
import { concat, encodeName, Patch, pushAll, rebuildSection, sectionOf } from './patch';
import { HEADER_SIZE, sectionRank } from './sections';
import { tableCapOf } from './table-cap';
import { LimitCaps, WasmModuleInfo } from './types';
import { MEM32_MAX_PAGES, MEM64_MAX_PAGES } from './wasm-page';
import { LIMITS_HAS_MAX, LIMITS_SHARED, LimitsSpan } from './wasm-types';

const U32_MAX = 0xffffffff;
const IMPORT_SECTION_ID = 2;
const MEMORY_SECTION_ID = 5;
const EXPORT_SECTION_ID = 7;
const KIND_TABLE = 1;
const KIND_MEMORY = 2;

/** Where a module whose memory is turned into an import imports it from. */
export interface MemoryImportName {
  module: string;
  name: string;
}

/**
 * The memory a rewritten module imports: the host must supply exactly these limits, shared. A
 * guest's own memory is imported as a shared one because V8 takes each buffer a plain memory's
 * grow makes for new external memory and collects garbage for it, at every grow once there is
 * much of it (a C program's small mallocs grow one page at a time); a shared memory grows in
 * place. Loads, stores and grows behave alike for a guest that runs one thread.
 */
export interface ImportedMemoryLimits {
  initialPages: number;
  maximumPages: number;
}

/** Where a module rewritten by the service imports its linear memory from (see GuestMemories). */
export const SANDBOX_MEMORY_IMPORT: MemoryImportName = { module: 'wasmwiz', name: 'memory' };

export const HIDDEN_MEMORY_EXPORT_PREFIX = `${HIDDEN_EXPORT_PREFIX}memory_`;
export const HIDDEN_TABLE_EXPORT_PREFIX = `${HIDDEN_EXPORT_PREFIX}table_`;

function checkCap(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0 || value > U32_MAX) {
    throw new RangeError(`${name} must be an integer between 0 and ${U32_MAX}, got ${value}`);
  }
}

function limitsPatch(
  bytes: Uint8Array,
  l: LimitsSpan,
  cap: number,
  kind: 'memory' | 'table',
  index: number,
): Patch | null {
  if (l.min > cap) throw new WasmLimitError(kind, index, l.min, cap);
  if (l.max !== null && l.max <= cap) return null; // already within the cap: keep bytes as they are
  const max = l.is64 ? encodeU64(cap) : encodeU32(cap);
  const flags = Uint8Array.of(l.flags | LIMITS_HAS_MAX);
  return { start: l.start, end: l.end, data: [flags, bytes.subarray(l.start + 1, l.minEnd), max] };
}

function exportEntry(name: string, kind: number, index: number): Uint8Array[] {
  return [...encodeName(name), Uint8Array.of(kind), encodeU32(index)];
}

function hiddenExports(m: ParsedModule): Uint8Array[][] {
  const taken = new Set(m.info.exports.map((e) => e.name));
  const entries: Uint8Array[][] = [];
  const add = (prefix: string, kind: number, list: Array<{ exportName: string | null }>) =>
    list.forEach((item, i) => {
      if (item.exportName === null) entries.push(exportEntry(unusedExportName(`${prefix}${i}`, taken), kind, i));
    });
  add(HIDDEN_MEMORY_EXPORT_PREFIX, KIND_MEMORY, m.info.memories);
  add(HIDDEN_TABLE_EXPORT_PREFIX, KIND_TABLE, m.info.tables);
  return entries;
}

/** Appends `entries` to a section that has `info` (its count rewritten), or makes the section. */
function appendEntries(m: ParsedModule, info: VectorSectionInfo | null, id: number, entries: Uint8Array[][], patches: Patch[], added: Map<number, Uint8Array[]>): void {
  if (entries.length === 0) return;
  if (!info) {
    added.set(id, sectionOf(id, [encodeU32(entries.length), ...entries.flat()]));
    return;
  }
  const s = m.sections[info.sectionIndex];
  patches.push({ start: s.contentStart, end: info.entriesStart, data: [encodeU32(info.count + entries.length)] });
  patches.push({ start: s.end, end: s.end, data: entries.flat() });
}

/** The module's one memory, if it can become an import: defined, neither shared nor 64-bit. */
function importableMemory(m: ParsedModule): LimitsSpan | null {
  const [memory, ...others] = m.info.memories;
  if (!memory || others.length > 0 || memory.imported || memory.shared || memory.memory64) return null;
  return m.memoryLimits[0];
}

/**
 * Returns new bytes where every memory's and table's maximum is min(declared max, cap)
 * (adding one where none was declared) and every unexported memory/table gets an export
 * named `__wasmwiz_memory_<index>` / `__wasmwiz_table_<index>` (suffixed `_<n>` if the module
 * already uses that name). With `importMemoryAs`, a module
 * with one plain memory of its own imports it instead, and `importedMemory` gives its (capped)
 * limits. Every memory.grow and table.grow is then watched (guardGrowth): `refusedGrowExport`
 * names the flag a refused grow sets, or is null. Throws WasmLimitError (a WasmFormatError) if a minimum exceeds its cap,
 * WasmFormatError on malformed input, RangeError on invalid caps. `info` describes the
 * rewritten module.
 */
export function capModuleLimits(
  bytes: Uint8Array,
  caps: LimitCaps,
  importMemoryAs?: MemoryImportName,
): { bytes: Uint8Array<ArrayBuffer>; info: WasmModuleInfo; importedMemory: ImportedMemoryLimits | null; refusedGrowExport: string | null } {
  checkCap(caps.maxMemoryPages, 'maxMemoryPages');
  checkCap(caps.maxTableElements, 'maxTableElements');
  const m = parseModule(bytes);
  const patches: Patch[] = [];
  const memoryCapOf = (l: LimitsSpan) => Math.min(caps.maxMemoryPages, l.is64 ? MEM64_MAX_PAGES : MEM32_MAX_PAGES);
  const memoryPatches = m.memoryLimits.map((l, i) => limitsPatch(bytes, l, memoryCapOf(l), 'memory', i));
  const tableCap = tableCapOf(caps.maxTableElements, m.tableLimits.length);
  m.tableLimits.forEach((l, i) => {
    const p = limitsPatch(bytes, l, tableCap, 'table', i);
    if (p) patches.push(p);
  });

  const added = new Map<number, Uint8Array[]>();
  const imported = importMemoryAs ? importableMemory(m) : null;
  if (imported) {
    const patch = memoryPatches[0];
    // A shared memory has a maximum: the cap, or the module's own when it is lower.
    const max = encodeU32(patch ? memoryCapOf(imported) : imported.max!);
    const limits = [Uint8Array.of(imported.flags | LIMITS_HAS_MAX | LIMITS_SHARED), bytes.subarray(imported.start + 1, imported.minEnd), max];
    const entry = [...encodeName(importMemoryAs!.module), ...encodeName(importMemoryAs!.name), Uint8Array.of(KIND_MEMORY), ...limits];
    appendEntries(m, m.importSection, IMPORT_SECTION_ID, [entry], patches, added);
  } else {
    for (const patch of memoryPatches) if (patch) patches.push(patch);
  }
  appendEntries(m, m.exportSection, EXPORT_SECTION_ID, hiddenExports(m), patches, added);

  const chunks: Uint8Array[] = [bytes.subarray(0, HEADER_SIZE)];
  const addSectionsBefore = (rank: number) => {
    for (const [id, section] of added) {
      if (sectionRank(id) >= rank) continue;
      pushAll(chunks, section);
      added.delete(id);
    }
  };
  for (const s of m.sections) {
    if (s.id !== 0) addSectionsBefore(sectionRank(s.id));
    if (imported && s.id === MEMORY_SECTION_ID) continue; // its only memory is now the import
    const mine = patches.filter((p) => p.start >= s.contentStart && p.end <= s.end);
    pushAll(chunks, mine.length ? rebuildSection(bytes, s.id, s.contentStart, s.end, mine) : [bytes.subarray(s.start, s.end)]);
  }
  addSectionsBefore(Infinity);

  // A refused grow must be visible to the host (see guardGrowth).
  const { bytes: out, refusedGrowExport } = guardGrowth(concat(chunks), caps);
  const info = parseModule(out).info;
  // The rewritten module's memory 0 is the import, with its capped limits.
  const importedMemory = imported ? { initialPages: info.memories[0].min, maximumPages: info.memories[0].max! } : null;
  return { bytes: out, info, importedMemory, refusedGrowExport };
}

/**
 * Rewrites a module so that every memory and table has a maximum no larger
 * than the host's caps, and every memory/table is exported (under a reserved
 * `__wasmwiz_*` name if it was not) so the host can measure it after a run.
 *
 * Only the limits encodings and the export section are re-encoded; every
 * other byte, including custom sections, is copied verbatim with
 * subarray/set (no per-byte work, so multi-megabyte modules take ~1 ms).
 */
import { WasmFormatError, WasmLimitError } from './errors';
import { encodeU32, encodeU64 } from './leb128';
import { ParsedModule, parseModule } from './inspect';
import { concat, encodeName, Patch, rebuildSection, sectionOf } from './patch';
import { HEADER_SIZE, sectionRank } from './sections';
import { LimitCaps, WasmModuleInfo } from './types';
import { LIMITS_HAS_MAX, LimitsSpan } from './wasm-types';

/** Largest maximum the spec allows for a 32-bit memory (4 GiB) and a 64-bit one. */
const MEM32_MAX_PAGES = 65536;
const MEM64_MAX_PAGES = 2 ** 48;
const U32_MAX = 0xffffffff;
const EXPORT_SECTION_ID = 7;
const KIND_TABLE = 1;
const KIND_MEMORY = 2;

export const HIDDEN_MEMORY_EXPORT_PREFIX = '__wasmwiz_memory_';
export const HIDDEN_TABLE_EXPORT_PREFIX = '__wasmwiz_table_';

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
      if (item.exportName !== null) return;
      const name = `${prefix}${i}`;
      if (taken.has(name)) {
        const at = m.exportSection ? m.sections[m.exportSection.sectionIndex].start : 0;
        throw new WasmFormatError(
          `export section: module already exports the reserved name "${name}" for something else at byte offset ${at}`,
        );
      }
      entries.push(exportEntry(name, kind, i));
    });
  add(HIDDEN_MEMORY_EXPORT_PREFIX, KIND_MEMORY, m.info.memories);
  add(HIDDEN_TABLE_EXPORT_PREFIX, KIND_TABLE, m.info.tables);
  return entries;
}

/**
 * Returns new bytes where every memory's and table's maximum is min(declared max, cap)
 * (adding one where none was declared) and every unexported memory/table gets an export
 * named `__wasmwiz_memory_<index>` / `__wasmwiz_table_<index>`. Throws WasmLimitError
 * (a WasmFormatError) if a minimum exceeds its cap, WasmFormatError on malformed input,
 * RangeError on invalid caps. `info` describes the rewritten module.
 */
export function capModuleLimits(
  bytes: Uint8Array,
  caps: LimitCaps,
): { bytes: Uint8Array<ArrayBuffer>; info: WasmModuleInfo } {
  checkCap(caps.maxMemoryPages, 'maxMemoryPages');
  checkCap(caps.maxTableElements, 'maxTableElements');
  const m = parseModule(bytes);
  const patches: Patch[] = [];
  m.memoryLimits.forEach((l, i) => {
    const cap = Math.min(caps.maxMemoryPages, l.is64 ? MEM64_MAX_PAGES : MEM32_MAX_PAGES);
    const p = limitsPatch(bytes, l, cap, 'memory', i);
    if (p) patches.push(p);
  });
  m.tableLimits.forEach((l, i) => {
    const p = limitsPatch(bytes, l, caps.maxTableElements, 'table', i);
    if (p) patches.push(p);
  });

  const extra = hiddenExports(m);
  let newExportSection: Uint8Array[] | null = null;
  if (extra.length > 0) {
    const entries = extra.flat();
    if (m.exportSection) {
      const s = m.sections[m.exportSection.sectionIndex];
      const count = encodeU32(m.exportSection.count + extra.length);
      patches.push({ start: s.contentStart, end: m.exportSection.entriesStart, data: [count] });
      patches.push({ start: s.end, end: s.end, data: entries });
    } else {
      const content = [encodeU32(extra.length), ...entries];
      newExportSection = sectionOf(EXPORT_SECTION_ID, content);
    }
  }

  const exportRank = sectionRank(EXPORT_SECTION_ID);
  const chunks: Uint8Array[] = [bytes.subarray(0, HEADER_SIZE)];
  for (const s of m.sections) {
    if (newExportSection && s.id !== 0 && sectionRank(s.id) > exportRank) {
      chunks.push(...newExportSection);
      newExportSection = null;
    }
    const mine = patches.filter((p) => p.start >= s.contentStart && p.end <= s.end);
    chunks.push(...(mine.length ? rebuildSection(bytes, s.id, s.contentStart, s.end, mine) : [bytes.subarray(s.start, s.end)]));
  }
  if (newExportSection) chunks.push(...newExportSection);

  const out = concat(chunks);
  return { bytes: out, info: parseModule(out).info };
}

/**
 * Rewrites a module's own memory into an imported one, so that the host can hand every run a
 * memory it already has (a fresh one costs V8 a multi-gigabyte address-space reservation, its
 * page faults and its release, more than running a small module). The memory keeps index 0,
 * its limits and its exports; data segments still initialise it at instantiation.
 */
import { encodeU32 } from './leb128';
import { parseModule } from './inspect';
import { concat, encodeName, Patch, rebuildSection, sectionOf } from './patch';
import { Reader } from './reader';
import { HEADER_SIZE, sectionRank } from './sections';

const IMPORT_SECTION_ID = 2;
const MEMORY_SECTION_ID = 5;
const KIND_MEMORY = 2;

/** The memory a rewritten module imports: the host must supply exactly these limits. */
export interface ImportedMemoryLimits {
  initialPages: number;
  maximumPages: number;
}

export interface MemoryImportName {
  module: string;
  name: string;
}

/**
 * The module with its one defined memory imported as `importName`, and that memory's limits; null
 * (nothing to do) when the module has no memory of its own, more than one memory, an imported one,
 * or a memory that is shared, 64-bit or without a maximum.
 */
export function importDefinedMemory(
  bytes: Uint8Array,
  importName: MemoryImportName,
): { bytes: Uint8Array<ArrayBuffer>; memory: ImportedMemoryLimits } | null {
  const m = parseModule(bytes);
  const [memory, ...others] = m.info.memories;
  if (!memory || others.length > 0 || memory.imported || memory.shared || memory.memory64 || memory.max === null) return null;
  const limits = m.memoryLimits[0];
  const entry = [...encodeName(importName.module), ...encodeName(importName.name), Uint8Array.of(KIND_MEMORY), bytes.subarray(limits.start, limits.end)];

  const importSection = m.sections.find((s) => s.id === IMPORT_SECTION_ID);
  const chunks: Uint8Array[] = [bytes.subarray(0, HEADER_SIZE)];
  let pendingImportSection = importSection ? null : sectionOf(IMPORT_SECTION_ID, [encodeU32(1), ...entry]);
  for (const s of m.sections) {
    if (pendingImportSection && s.id !== 0 && sectionRank(s.id) > sectionRank(IMPORT_SECTION_ID)) {
      chunks.push(...pendingImportSection);
      pendingImportSection = null;
    }
    if (s.id === MEMORY_SECTION_ID) continue; // its only memory is now the import
    if (s.id === IMPORT_SECTION_ID) {
      const reader = new Reader(bytes, s.contentStart, s.end, 'import section');
      const count = reader.u32();
      const patches: Patch[] = [
        { start: s.contentStart, end: reader.pos, data: [encodeU32(count + 1)] },
        { start: s.end, end: s.end, data: entry },
      ];
      chunks.push(...rebuildSection(bytes, s.id, s.contentStart, s.end, patches));
      continue;
    }
    chunks.push(bytes.subarray(s.start, s.end));
  }
  if (pendingImportSection) chunks.push(...pendingImportSection);
  return { bytes: concat(chunks), memory: { initialPages: memory.min, maximumPages: memory.max } };
}

/** Appending entries to a module's vector sections, and re-assembling it with as few copies as can be. */
import { encodeU32, readU32 } from './leb128';
import type { ParsedModule } from './inspect';
import { concat, Patch, pushAll, rebuildSection, sectionOf } from './patch';
import { HEADER_SIZE, SectionSpan, sectionRank } from './sections';

export function sectionWithId(m: ParsedModule, id: number): SectionSpan | undefined {
  return m.sections.find((s) => s.id === id);
}

/**
 * Patches to a module's sections and sections to add: entries appended to a vector section (its
 * count rewritten), or a new section of them in its place in the order. Untouched sections are
 * copied as they are.
 */
export class ModuleEdit {
  private readonly patches = new Map<SectionSpan, Patch[]>();
  private readonly created = new Map<number, Uint8Array[]>();

  constructor(
    private readonly bytes: Uint8Array,
    private readonly m: ParsedModule,
  ) {}

  /** Number of entries of section `id` (0 when it is absent). */
  count(id: number): number {
    const s = sectionWithId(this.m, id);
    return s ? readU32(this.bytes, s.contentStart, s.end).value : 0;
  }

  append(id: number, entries: Uint8Array[][]): void {
    const s = sectionWithId(this.m, id);
    if (!s) {
      this.created.set(id, sectionOf(id, [encodeU32(entries.length), ...entries.flat()]));
      return;
    }
    const count = readU32(this.bytes, s.contentStart, s.end);
    this.patch(s, { start: s.contentStart, end: count.next, data: [encodeU32(count.value + entries.length)] });
    this.patch(s, { start: s.end, end: s.end, data: entries.flat() });
  }

  patch(s: SectionSpan, patch: Patch): void {
    this.patches.set(s, [...(this.patches.get(s) ?? []), patch]);
  }

  assemble(): Uint8Array<ArrayBuffer> {
    const chunks: Uint8Array[] = [this.bytes.subarray(0, HEADER_SIZE)];
    const created = [...this.created].sort(([a], [b]) => sectionRank(a) - sectionRank(b));
    const flushBefore = (rank: number) => {
      while (created.length > 0 && sectionRank(created[0][0]) < rank) pushAll(chunks, created.shift()![1]);
    };
    for (const s of this.m.sections) {
      if (s.id !== 0) flushBefore(sectionRank(s.id));
      const patches = this.patches.get(s);
      pushAll(chunks, patches ? rebuildSection(this.bytes, s.id, s.contentStart, s.end, patches) : [this.bytes.subarray(s.start, s.end)]);
    }
    flushBefore(Infinity);
    return concat(chunks);
  }
}


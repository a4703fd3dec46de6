/**
 * How much a module declares: the counts that make an engine allocate before the guest runs.
 * `declaredCounts` reads only each section's leading count (so a module declaring millions of
 * entries can be refused before they are decoded); `measureStructure` adds what needs the
 * entries themselves: table sizes, element segment entries, locals and block nesting.
 */
import { readU32 } from './leb128';
import { Reader } from './reader';
import { countCustomSections, SECTION_ID, SectionSpan, sectionLabel, splitSections } from './sections';
import { scanCode, FunctionCount } from './code-scan';
import { WasmModuleInfo } from './types';
import { readRefType, skipConstExpr } from './wasm-types';

/** Read from the sections' leading counts alone. */
export interface DeclaredCounts {
  types: number;
  imports: number;
  exports: number;
  globals: number;
  elementSegments: number;
  dataSegments: number;
  customSections: number;
}

export interface WasmStructure extends DeclaredCounts {
  /** Imported and defined. */
  functions: number;
  tables: number;
  /** The sum of every table's declared minimum. */
  tableElements: number;
  /** Entries of every element segment, together. */
  elementEntries: number;
  locals: FunctionCount;
  nesting: FunctionCount;
  /** The size of the code section. */
  codeBytes: number;
}

function leadingCount(bytes: Uint8Array, sections: SectionSpan[], id: number): number {
  const section = sections.find((s) => s.id === id);
  return section ? readU32(bytes, section.contentStart, section.end, sectionLabel(id)).value : 0;
}

function countsOf(bytes: Uint8Array, sections: SectionSpan[]): DeclaredCounts {
  const count = (id: number) => leadingCount(bytes, sections, id);
  return {
    types: count(SECTION_ID.type),
    imports: count(SECTION_ID.import),
    exports: count(SECTION_ID.export),
    globals: count(SECTION_ID.global),
    elementSegments: count(SECTION_ID.element),
    dataSegments: count(SECTION_ID.data),
    customSections: sections.filter((section) => section.id === SECTION_ID.custom).length,
  };
}

const NOTHING_DECLARED: DeclaredCounts = { types: 0, imports: 0, exports: 0, globals: 0, elementSegments: 0, dataSegments: 0, customSections: 0 };

/**
 * The leading counts. A module with more than `maxCustomSections` custom sections is not split
 * (splitting millions of them takes seconds and a heap's worth of spans): its other counts are
 * left at 0, for the caller refuses it for its custom sections.
 */
export function declaredCounts(bytes: Uint8Array, maxCustomSections = Infinity): DeclaredCounts {
  const customSections = countCustomSections(bytes);
  if (customSections > maxCustomSections) return { ...NOTHING_DECLARED, customSections };
  return countsOf(bytes, splitSections(bytes));
}

/** The entries of one element segment, stepping over them (flags 0-7 of the binary format). */
function segmentEntries(r: Reader): number {
  const flags = r.u32();
  if (flags > 7) r.fail(`unknown element segment flags ${flags}`);
  const passiveOrDeclared = (flags & 1) !== 0;
  const explicitTable = (flags & 2) !== 0;
  const expressions = (flags & 4) !== 0;
  if (!passiveOrDeclared && explicitTable) r.u32();
  if (!passiveOrDeclared) skipConstExpr(r);
  if (passiveOrDeclared || explicitTable) {
    if (expressions) readRefType(r);
    else r.u8('element kind');
  }
  const entries = r.u32();
  for (let i = 0; i < entries; i++) {
    if (expressions) skipConstExpr(r);
    else r.u32();
  }
  return entries;
}

function elementEntries(bytes: Uint8Array, sections: SectionSpan[]): number {
  const section = sections.find((s) => s.id === SECTION_ID.element);
  if (!section) return 0;
  const r = new Reader(bytes, section.contentStart, section.end, sectionLabel(SECTION_ID.element));
  let total = 0;
  for (let n = r.u32(), i = 0; i < n; i++) total += segmentEntries(r);
  r.expectEnd();
  return total;
}

/** Everything `declaredCounts` gives, plus what needs the entries; `info` is the module's, from `inspectWasm`. */
export function measureStructure(bytes: Uint8Array, info: WasmModuleInfo): WasmStructure {
  const sections = splitSections(bytes);
  const importedFunctions = info.imports.filter((entry) => entry.kind === 'function').length;
  const code = sections.find((s) => s.id === SECTION_ID.code);
  const shape = code
    ? scanCode(bytes, code.contentStart, code.end, importedFunctions)
    : { locals: { count: 0, functionIndex: -1 }, nesting: { count: 0, functionIndex: -1 } };
  return {
    ...countsOf(bytes, sections),
    functions: importedFunctions + leadingCount(bytes, sections, SECTION_ID.function),
    tables: info.tables.length,
    tableElements: info.tables.reduce((sum, table) => sum + table.min, 0),
    elementEntries: elementEntries(bytes, sections),
    ...shape,
    codeBytes: code ? code.end - code.contentStart : 0,
  };
}

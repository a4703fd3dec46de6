/**
 * Structural parse of a core module: imports, exports, memories, tables and
 * start. Sections whose content does not matter here (types, code, data, ...)
 * are only bounds-checked, never decoded, so this is O(number of entries)
 * rather than O(module size).
 */
import { WasmFormatError } from './errors';
import { Reader } from './reader';
import { SectionSpan, sectionLabel, splitSections } from './sections';
import { FunctionType, functionTypesAt } from './type-section';
import {
  EXTERN_KINDS,
  ExternKind,
  WasmExport,
  WasmImport,
  WasmMemory,
  WasmModuleInfo,
  WasmTable,
} from './types';
import { LimitsSpan, readLimits, readTableType, readValType, skipConstExpr } from './wasm-types';

/** Where the entries of the import or export section start, for appending to it. */
export interface VectorSectionInfo {
  /** Index into `ParsedModule.sections`. */
  sectionIndex: number;
  count: number;
  /** Offset just past the count LEB, where the entries begin. */
  entriesStart: number;
}

export interface ParsedModule {
  info: WasmModuleInfo;
  sections: SectionSpan[];
  /** Aligned with info.memories / info.tables. */
  memoryLimits: LimitsSpan[];
  tableLimits: LimitsSpan[];
  importSection: VectorSectionInfo | null;
  exportSection: VectorSectionInfo | null;
  /** Aligned with info.imports: a function import's type index, null for other kinds. */
  importTypeIndices: Array<number | null>;
}

function readKind(r: Reader, what: string): ExternKind {
  const at = r.pos;
  const b = r.u8(`${what} kind`);
  const kind = EXTERN_KINDS[b];
  if (kind === undefined) r.fail(`unknown ${what} kind 0x${b.toString(16).padStart(2, '0')}`, at);
  return kind;
}

function parseImports(r: Reader, m: ParsedModule, sectionIndex: number): void {
  const count = r.u32();
  m.importSection = { sectionIndex, count, entriesStart: r.pos };
  for (let i = 0; i < count; i++) {
    const module = r.name('import module name');
    const name = r.name('import field name');
    const kind = readKind(r, 'import');
    m.info.imports.push({ module, name, kind });
    m.importTypeIndices.push(kind === 'function' ? r.u32() : null);
    switch (kind) {
      case 'function':
        break;
      case 'table': {
        const l = readTableType(r);
        m.tableLimits.push(l);
        m.info.tables.push({ min: l.min, max: l.max, imported: true, exportName: null });
        break;
      }
      case 'memory':
        addMemory(m, readLimits(r, 'memory'), true);
        break;
      case 'global': {
        readValType(r);
        const at = r.pos;
        if (r.u8('global mutability') > 0x03) r.fail('invalid global mutability flag', at);
        break;
      }
      case 'tag': {
        const at = r.pos;
        if (r.u8('tag attribute') !== 0) r.fail('invalid tag attribute (expected 0)', at);
        r.u32();
        break;
      }
    }
  }
}

function addMemory(m: ParsedModule, l: LimitsSpan, imported: boolean): void {
  m.memoryLimits.push(l);
  m.info.memories.push({
    min: l.min,
    max: l.max,
    imported,
    shared: l.shared,
    memory64: l.is64,
    exportName: null,
  });
}

function parseTables(r: Reader, m: ParsedModule): void {
  for (let n = r.u32(), i = 0; i < n; i++) {
    // function-references: 0x40 0x00 tabletype expr (table with an initialiser)
    const withInit = r.peek('table entry') === 0x40;
    if (withInit) {
      r.u8();
      const at = r.pos;
      if (r.u8('table entry reserved byte') !== 0x00) r.fail('expected 0x00 after 0x40 in table entry', at);
    }
    const l = readTableType(r);
    if (withInit) skipConstExpr(r);
    m.tableLimits.push(l);
    m.info.tables.push({ min: l.min, max: l.max, imported: false, exportName: null });
  }
}

function parseMemories(r: Reader, m: ParsedModule): void {
  for (let n = r.u32(), i = 0; i < n; i++) addMemory(m, readLimits(r, 'memory'), false);
}

function parseExports(r: Reader, m: ParsedModule, sectionIndex: number): void {
  const count = r.u32();
  m.exportSection = { sectionIndex, count, entriesStart: r.pos };
  for (let i = 0; i < count; i++) {
    const at = r.pos;
    const name = r.name('export name');
    const kind = readKind(r, 'export');
    const index = r.u32();
    m.info.exports.push({ name, kind, index });
    if (kind === 'memory' || kind === 'table') {
      const list: Array<WasmMemory | WasmTable> = kind === 'memory' ? m.info.memories : m.info.tables;
      if (index >= list.length) {
        r.fail(`export "${name}" refers to ${kind} ${index} but the module has ${list.length}`, at);
      }
      if (list[index].exportName === null) list[index].exportName = name;
    }
  }
}

/** Parses the module structure, keeping the byte positions needed for rewriting. */
export function parseModule(bytes: Uint8Array): ParsedModule {
  if (!(bytes instanceof Uint8Array)) {
    throw new WasmFormatError('module: input is not a Uint8Array at byte offset 0');
  }
  const sections = splitSections(bytes);
  const imports: WasmImport[] = [];
  const exports: WasmExport[] = [];
  const m: ParsedModule = {
    info: { imports, exports, memories: [], tables: [], hasStartSection: false },
    sections,
    memoryLimits: [],
    tableLimits: [],
    importSection: null,
    exportSection: null,
    importTypeIndices: [],
  };
  sections.forEach((s, index) => {
    const r = new Reader(bytes, s.contentStart, s.end, sectionLabel(s.id));
    switch (s.id) {
      case 2:
        parseImports(r, m, index);
        break;
      case 4:
        parseTables(r, m);
        break;
      case 5:
        parseMemories(r, m);
        break;
      case 7:
        parseExports(r, m, index);
        break;
      case 8:
        r.u32();
        m.info.hasStartSection = true;
        break;
      default:
        return; // not decoded
    }
    r.expectEnd();
  });
  return m;
}

/** Lists a module's imports, exports, memories, tables and whether it has a start function. */
export function inspectWasm(bytes: Uint8Array): WasmModuleInfo {
  return parseModule(bytes).info;
}

/** A function import and its type: null when its type index names no function type of the module. */
export interface FunctionImportType {
  module: string;
  name: string;
  type: FunctionType | null;
}

/**
 * The types of the function imports `select` picks, in import order. Only the types they use are
 * decoded (a module may declare a million).
 */
export function functionImportTypes(bytes: Uint8Array, select: (module: string, name: string) => boolean = () => true): FunctionImportType[] {
  const m = parseModule(bytes);
  const picked = m.info.imports.flatMap((entry, i) => {
    const typeIndex = m.importTypeIndices[i];
    return typeIndex !== null && select(entry.module, entry.name) ? [{ module: entry.module, name: entry.name, typeIndex }] : [];
  });
  if (picked.length === 0) return [];
  const typeSection = m.sections.find((s) => s.id === 1);
  const wanted = new Set(picked.map((entry) => entry.typeIndex));
  const types = typeSection ? functionTypesAt(bytes, typeSection.contentStart, typeSection.end, wanted) : new Map<number, FunctionType | null>();
  return picked.map(({ module, name, typeIndex }) => ({ module, name, type: types.get(typeIndex) ?? null }));
}

/**
 * Makes a refused grow visible to the host. `memory.grow` and `table.grow` answer -1 when they
 * cannot grow, and the guest alone sees it: a run that fails afterwards would look like any other
 * trap or error exit. Every such instruction is rewritten into
 *
 *     call $note_delta      ;; keeps the requested delta in a global, leaves it on the stack
 *     memory.grow m         ;; (or table.grow t) unchanged
 *     call $check_m         ;; on -1 for a delta past the cap, sets the exported flag
 *
 * The flag is a mutable i32 global exported under a name the module does not use; the host reads
 * it after a failed run (RefusedGrow says which kind of cap refused). The added functions, types
 * and globals are appended after the module's own, so no existing index changes, and only the
 * bodies holding a grow are re-encoded. 64-bit memories and tables are left as they are (WASI
 * preview 1 has none). A grow inside the module's start function that traps during instantiation
 * is not seen: the host has no instance to read the flag from. Only the guest's own instructions
 * grow its memories and tables: the host never grows them from outside.
 */
import { HIDDEN_EXPORT_PREFIX, unusedExportName } from './export-names';
import { encodeU32, readU32 } from './leb128';
import { bodiesHolding, forEachInstruction, FunctionBody, MISC_TABLE_GROW, MISC_TABLE_SIZE, OP_CALL, OP_MEMORY_GROW, OP_MEMORY_SIZE, PREFIX_MISC, prefixed } from './instructions';
import { ParsedModule, parseModule } from './inspect';
import { ModuleEdit, sectionWithId } from './module-edit';
import { encodeName, totalLength } from './patch';
import { SECTION_ID, SectionSpan } from './sections';
import { countTypes } from './type-section';
import { tableCapOf } from './table-cap';
import { LimitCaps } from './types';
import { MEM32_MAX_PAGES } from './wasm-page';

/** The value of the flag global: which cap refused a grow (the last one refused wins). */
export const RefusedGrow = { None: 0, Memory: 1, Table: 2 } as const;

/** The flag's export name, unless the module already uses it (then a numbered variant). */
export const GROW_REFUSED_EXPORT = `${HIDDEN_EXPORT_PREFIX}grow_refused`;

const EXPORT_KIND_GLOBAL = 0x03;
const I32 = 0x7f;
const TABLE_GROW = prefixed(PREFIX_MISC, MISC_TABLE_GROW);

interface Resource {
  kind: 'memory' | 'table';
  index: number;
}

interface GrowSite extends Resource {
  start: number;
  end: number;
}

export interface GuardedModule {
  bytes: Uint8Array<ArrayBuffer>;
  /** The export holding the RefusedGrow flag, or null when the module has no grow to watch. */
  refusedGrowExport: string | null;
}

/** Signed LEB128 of a 32-bit integer, for i32.const. */
function encodeS32(n: number): Uint8Array {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return Uint8Array.from(out);
  }
}

function growSite(bytes: Uint8Array, m: ParsedModule, opcode: number, at: number, end: number): GrowSite | null {
  if (opcode === OP_MEMORY_GROW) {
    const index = readU32(bytes, at + 1).value;
    return m.memoryLimits[index] && !m.memoryLimits[index].is64 ? { kind: 'memory', index, start: at, end } : null;
  }
  if (opcode === TABLE_GROW) {
    const index = readU32(bytes, readU32(bytes, at + 1).next).value;
    return m.tableLimits[index] && !m.tableLimits[index].is64 ? { kind: 'table', index, start: at, end } : null;
  }
  return null;
}

/** The grows of one body, with where each instruction ends (the next one's start). */
function growSites(bytes: Uint8Array, m: ParsedModule, body: FunctionBody): GrowSite[] {
  const sites: GrowSite[] = [];
  let pending: { opcode: number; at: number } | null = null;
  const settle = (end: number) => {
    const site = pending && growSite(bytes, m, pending.opcode, pending.at, end);
    if (site) sites.push(site);
  };
  forEachInstruction(bytes, body, (opcode, at) => {
    settle(at);
    pending = opcode === OP_MEMORY_GROW || opcode === TABLE_GROW ? { opcode, at } : null;
  });
  settle(body.end);
  return sites;
}

/**
 * The byte pairs a grow starts with: its opcode, then the first byte of its LEB128 memory index
 * (0, also written over-long) or sub-opcode.
 */
const GROW_STARTS = [
  [OP_MEMORY_GROW, 0x00],
  [OP_MEMORY_GROW, 0x80],
  [PREFIX_MISC, MISC_TABLE_GROW],
  [PREFIX_MISC, MISC_TABLE_GROW | 0x80],
].map((pair) => Buffer.from(pair));
/** With several memories, memory.grow's index may be anything: its opcode alone. */
const GROW_STARTS_ANY_MEMORY = [Buffer.of(OP_MEMORY_GROW), ...GROW_STARTS.slice(2)];

/**
 * Where in the code section a grow may start. Decoding every instruction of a large module costs
 * about as much as the engine's own validation, and most bodies hold no grow: only bodies that
 * hold one of these byte pairs (searched natively) are decoded.
 */
function growStarts(bytes: Uint8Array, code: SectionSpan, memories: number): number[] {
  const section = Buffer.from(bytes.buffer, bytes.byteOffset + code.contentStart, code.end - code.contentStart);
  const offsets: number[] = [];
  for (const needle of memories > 1 ? GROW_STARTS_ANY_MEMORY : GROW_STARTS) {
    for (let at = section.indexOf(needle); at !== -1; at = section.indexOf(needle, at + 1)) offsets.push(code.contentStart + at);
  }
  return offsets.sort((a, b) => a - b);
}

const u32 = encodeU32;
const op = (...codes: Array<number | Uint8Array>) => codes.map((c) => (typeof c === 'number' ? Uint8Array.of(c) : c));

/** `(func (param i32) (result i32))`: the type of every added function. */
const I32_TO_I32 = Uint8Array.of(0x60, 0x01, I32, 0x01, I32);

/** A function body of `code` (no locals), with its size. */
function body(code: Uint8Array[]): Uint8Array[] {
  const content = [Uint8Array.of(0x00), ...code, Uint8Array.of(0x0b)];
  return [u32(totalLength(content)), ...content];
}

function noteDeltaBody(delta: number): Uint8Array[] {
  // local.get 0, global.set $delta, local.get 0
  return body(op(0x20, 0x00, 0x24, u32(delta), 0x20, 0x00));
}

function checkBody(resource: Resource, cap: number, flag: number, delta: number): Uint8Array[] {
  const size = resource.kind === 'memory' ? op(OP_MEMORY_SIZE, u32(resource.index)) : op(PREFIX_MISC, u32(MISC_TABLE_SIZE), u32(resource.index));
  const value = resource.kind === 'memory' ? RefusedGrow.Memory : RefusedGrow.Table;
  return body([
    ...op(0x20, 0x00, 0x41, 0x7f, 0x46, 0x04, 0x40), // if (result == -1)
    ...op(0x23, u32(delta), 0x41, encodeS32(cap)), //   delta, cap
    ...size,
    ...op(0x6b, 0x4b, 0x04, 0x40), //                  if (delta >u cap - size)
    ...op(0x41, encodeS32(value), 0x24, u32(flag)), //     flag = value
    ...op(0x0b, 0x0b, 0x20, 0x00), //                 end end, result
  ]);
}

/** A body with each grow site wrapped in the calls around it. */
function rewrittenBody(bytes: Uint8Array, b: FunctionBody, sites: GrowSite[], noteFunction: number, checkFunction: (r: Resource) => number): Uint8Array[] {
  const content: Uint8Array[] = [];
  let pos = readU32(bytes, b.start).next; // past the size: the locals are kept as they are
  for (const site of sites) {
    content.push(bytes.subarray(pos, site.start), ...op(OP_CALL, u32(noteFunction)), bytes.subarray(site.start, site.end), ...op(OP_CALL, u32(checkFunction(site))));
    pos = site.end;
  }
  content.push(bytes.subarray(pos, b.end));
  return [u32(totalLength(content)), ...content];
}

const resourceKey = (r: Resource) => `${r.kind}${r.index}`;

/**
 * Returns `bytes` with every 32-bit memory.grow and table.grow watched as described above, the
 * caps being `caps` (a memory's also at most 65536 pages). A module without any is returned as is.
 * Throws WasmFormatError when a function body cannot be decoded.
 */
export function guardGrowth(bytes: Uint8Array<ArrayBuffer>, caps: LimitCaps): GuardedModule {
  const m = parseModule(bytes);
  const code = sectionWithId(m, SECTION_ID.code);
  if (!code) return { bytes, refusedGrowExport: null };
  const starts = growStarts(bytes, code, m.memoryLimits.length);
  if (starts.length === 0) return { bytes, refusedGrowExport: null };
  const { count, countEnd, bodies } = bodiesHolding(bytes, code.contentStart, code.end, starts);
  const sitesByBody = bodies.map((b) => growSites(bytes, m, b));
  const resources = new Map<string, Resource>();
  for (const site of sitesByBody.flat()) resources.set(resourceKey(site), { kind: site.kind, index: site.index });
  if (resources.size === 0) return { bytes, refusedGrowExport: null };

  const edit = new ModuleEdit(bytes, m);
  const importsOf = (kind: string) => m.info.imports.filter((i) => i.kind === kind).length;
  const typeSection = sectionWithId(m, SECTION_ID.type);
  const type = typeSection ? countTypes(bytes, typeSection.contentStart, typeSection.end) : 0;
  const noteFunction = importsOf('function') + edit.count(SECTION_ID.function);
  const checks = [...resources.keys()];
  const checkFunction = (r: Resource) => noteFunction + 1 + checks.indexOf(resourceKey(r));
  const flag = importsOf('global') + edit.count(SECTION_ID.global);
  const delta = flag + 1;
  const name = unusedExportName(GROW_REFUSED_EXPORT, new Set(m.info.exports.map((e) => e.name)));

  edit.append(SECTION_ID.type, [[I32_TO_I32]]);
  edit.append(SECTION_ID.function, Array.from({ length: 1 + checks.length }, () => [u32(type)]));
  const mutableZero = [Uint8Array.of(I32, 0x01, 0x41, 0x00, 0x0b)];
  edit.append(SECTION_ID.global, [mutableZero, mutableZero]);
  edit.append(SECTION_ID.export, [[...encodeName(name), Uint8Array.of(EXPORT_KIND_GLOBAL), u32(flag)]]);

  const tableCap = tableCapOf(caps.maxTableElements, m.tableLimits.length);
  const capOf = (r: Resource) => (r.kind === 'memory' ? Math.min(caps.maxMemoryPages, MEM32_MAX_PAGES) : tableCap);
  const added = [noteDeltaBody(delta), ...[...resources.values()].map((r) => checkBody(r, capOf(r), flag, delta))];
  edit.patch(code, { start: code.contentStart, end: countEnd, data: [u32(count + added.length)] });
  bodies.forEach((b, i) => {
    const sites = sitesByBody[i];
    if (sites.length > 0) edit.patch(code, { start: b.start, end: b.end, data: rewrittenBody(bytes, b, sites, noteFunction, checkFunction) });
  });
  edit.patch(code, { start: code.end, end: code.end, data: added.flat() });
  return { bytes: edit.assemble(), refusedGrowExport: name };
}

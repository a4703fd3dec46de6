import { CLOSE_CONNECTION } from '../http/problem';
import { AppliedLimit, type LimitSource } from '../tiers/effective-limits';
import { ModuleRefusal, moduleRefused } from './module-refusal';
import type { KeyPrincipal } from '../access/principal';
import { checkStructure, customSectionsCap, DECLARED_COUNT_LIMITS, MEASURED_LIMITS } from './structure-limits';
import {
  capModuleLimits,
  declaredCounts,
  functionImportTypes,
  ImportedMemoryLimits,
  inspectWasm,
  measureStructure,
  PAGE_BYTES,
  SANDBOX_MEMORY_IMPORT,
  tableCapOf,
  WasmFormatError,
  WasmModuleInfo,
  WasmStructure,
} from '../common/wasm-binary';
import { formatSignature, sameSignature, WASI_FUNCTIONS, WASI_NAMESPACE_LABELS, WASI_NAMESPACES, wasiSignature } from '../common/wasi-imports';

/** Function references a guest table may hold: 8 MiB of table, far above what compilers emit. */
export const MAX_TABLE_ELEMENTS = 1 << 20;
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

export interface ModuleCaps {
  maxModuleBytes: number;
  /** What sets `maxModuleBytes`, for the 413 that names it. */
  maxModuleSource: LimitSource;
  memoryLimitBytes: number;
  /** The tier the caps are of, for the problems that name them. */
  tier: string;
}

export interface CheckedModule {
  /** What the module declared, as uploaded. */
  info: WasmModuleInfo;
  structure: WasmStructure;
  /** What actually runs: see `sandboxedModule`. */
  cappedBytes: Uint8Array;
  /** The memory the worker supplies to it, or null when it keeps its own. */
  importedMemory: ImportedMemoryLimits | null;
  /** The export a refused memory.grow or table.grow sets (see guardGrowth), or null when it has none. */
  refusedGrowExport: string | null;
}

/** The caps a caller's modules are checked under: its tier's limits. */
export function moduleCapsOf(principal: KeyPrincipal): ModuleCaps {
  const { maxModuleBytes, memoryLimitBytes } = principal.limits;
  const maxModuleSource = AppliedLimit.of(principal.tier, principal.limits, 'maxModuleBytes').source;
  return { maxModuleBytes, maxModuleSource, memoryLimitBytes, tier: principal.tier.name };
}

export function moduleTooLarge(sizeBytes: number | null, caps: Pick<ModuleCaps, 'maxModuleBytes' | 'maxModuleSource' | 'tier'>): ModuleRefusal {
  const size = sizeBytes === null ? 'is larger than' : `is ${sizeBytes} bytes, over`;
  const limit = new AppliedLimit('maxModuleBytes', caps.maxModuleBytes, caps.maxModuleSource, caps.tier);
  const detail = `The module ${size} the limit of ${caps.maxModuleBytes} bytes set by ${limit.setBy}`;
  return new ModuleRefusal('module_too_large', detail, { limitBytes: caps.maxModuleBytes, ...limit.extensions }, { ...CLOSE_CONNECTION });
}

function describeImport(entry: { module: string; name: string; kind: string }): string {
  return `${entry.module}.${entry.name}${entry.kind === 'function' ? '' : ` (${entry.kind})`}`;
}

/** Names this many refused imports at most (a module may declare 100,000). */
const NAMED_IMPORTS = 20;

function checkImports(info: WasmModuleInfo): void {
  const refused = info.imports.filter(
    (entry) => !WASI_NAMESPACES.has(entry.module) || entry.kind !== 'function' || !WASI_FUNCTIONS.has(entry.name),
  );
  if (refused.length === 0) return;
  const distinct = [...new Set(refused.map(describeImport))];
  const names = distinct.slice(0, NAMED_IMPORTS);
  const more = distinct.length > names.length ? ` and ${distinct.length - names.length} more` : '';
  throw moduleRefused(
    'module_import_not_allowed',
    `The module imports what the sandbox does not provide: ${names.join(', ')}${more}. Only WASI preview 1 functions are available`,
    { imports: names },
  );
}

/** Describes this many imports of the wrong signature at most. */
const DESCRIBED_SIGNATURES = 5;

/**
 * Every WASI function must be imported with the wasm type WASI gives it: the host converts the
 * guest's arguments by it, and an i64 where an i32 belongs (or the reverse) would fail inside the
 * host as an internal error instead of the guest's own. Runs after `checkImports`, so every
 * function import is a WASI one.
 */
function checkImportSignatures(bytes: Uint8Array): void {
  const imported = decoded(() => functionImportTypes(bytes, (module) => WASI_NAMESPACES.has(module)));
  const wrong = new Map<string, { name: string; detail: string }>();
  for (const entry of imported) {
    const expected = wasiSignature(entry.module, entry.name);
    // A type index naming no function type is left to the compiler, which refuses the module.
    if (!expected || !entry.type || sameSignature(entry.type, expected)) continue;
    const name = `${entry.module}.${entry.name}`;
    const actual = formatSignature(entry.type);
    const detail = `The module imports ${name} as ${actual}; ${WASI_NAMESPACE_LABELS[entry.module]} defines it as ${formatSignature(expected)}`;
    wrong.set(`${name} ${actual}`, { name, detail });
  }
  if (wrong.size === 0) return;
  const all = [...wrong.values()];
  const described = all.slice(0, DESCRIBED_SIGNATURES).map((entry) => entry.detail);
  const more = all.length > described.length ? `. It imports ${all.length - described.length} more WASI functions with the wrong signature` : '';
  throw moduleRefused('module_import_not_allowed', `${described.join('. ')}${more}`, {
    imports: [...new Set(all.map((entry) => entry.name))].slice(0, NAMED_IMPORTS),
  });
}

/**
 * Everything checked before a module may run: size, format, how much it declares, imports and their signatures,
 * `_start`, declared memories and tables — then the caps are written into the binary so the guest
 * cannot grow past them. Counts in the sections' headers are checked before any entry is decoded.
 */
export function checkModule(bytes: Uint8Array, caps: ModuleCaps): CheckedModule {
  if (bytes.length > caps.maxModuleBytes) throw moduleTooLarge(bytes.length, caps);
  if (bytes.length === 0) throw moduleRefused('module_empty', 'The module is empty (0 bytes)');
  if (bytes.length < 4 || WASM_MAGIC.some((byte, i) => bytes[i] !== byte)) {
    throw moduleRefused('module_not_wasm', 'The upload is not a WebAssembly module: it does not start with \\0asm');
  }
  checkStructure(DECLARED_COUNT_LIMITS, decoded(() => declaredCounts(bytes, customSectionsCap(caps.memoryLimitBytes))), caps.memoryLimitBytes, caps.tier);
  const info = decoded(() => inspectWasm(bytes));
  checkImports(info);
  checkImportSignatures(bytes);
  const start = info.exports.find((entry) => entry.name === '_start');
  if (!start || start.kind !== 'function') {
    throw moduleRefused('module_missing_start', 'The module has no exported `_start` function: it must be a WASI command');
  }
  checkMemories(info, caps.memoryLimitBytes);
  const structure = decoded(() => measureStructure(bytes, info));
  checkStructure(MEASURED_LIMITS, structure, caps.memoryLimitBytes, caps.tier);
  // After the structure caps, which name the tier's limit on all tables' elements together.
  const tableCap = tableCapOf(MAX_TABLE_ELEMENTS, info.tables.length);
  const oversizedTable = info.tables.find((table) => table.min > tableCap);
  if (oversizedTable) {
    const shared = info.tables.length > 1 ? ` (the ${MAX_TABLE_ELEMENTS} elements a module's tables hold together, shared by its ${info.tables.length} tables)` : '';
    throw moduleRefused('module_table_too_large', `The module declares a table of at least ${oversizedTable.min} elements, over the limit of ${tableCap}${shared}`);
  }
  return { info, structure, ...sandboxedModule(bytes, Math.floor(caps.memoryLimitBytes / PAGE_BYTES)) };
}

/**
 * The module as it runs: every memory and table maximum capped, every grow watched (see
 * guardGrowth), and its own memory (when it has one plain memory) imported instead, so that a worker can hand it a memory it keeps from one run
 * to the next rather than have V8 reserve and release a fresh one each time.
 */
export function sandboxedModule(bytes: Uint8Array, maxMemoryPages: number): Pick<CheckedModule, 'cappedBytes' | 'importedMemory' | 'refusedGrowExport'> {
  const caps = { maxMemoryPages, maxTableElements: MAX_TABLE_ELEMENTS };
  // The rewrite decodes the function bodies, which the inspection does not.
  const { bytes: cappedBytes, importedMemory, refusedGrowExport } = decoded(() => capModuleLimits(bytes, caps, SANDBOX_MEMORY_IMPORT));
  return { cappedBytes, importedMemory, refusedGrowExport };
}

function decoded<T>(decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof WasmFormatError) {
      throw moduleRefused('module_malformed', `The module is malformed: ${error.message}`);
    }
    throw error;
  }
}

function checkMemories(info: WasmModuleInfo, memoryLimitBytes: number): void {
  if (info.memories.length > 1) {
    throw moduleRefused(
      'module_multiple_memories',
      `The module declares ${info.memories.length} memories; the sandbox runs modules with one linear memory`,
    );
  }
  const memory = info.memories[0];
  if (memory?.memory64) {
    throw moduleRefused('module_memory64', 'The module uses 64-bit memory, which WASI preview 1 does not support');
  }
  if (memory && memory.min * PAGE_BYTES > memoryLimitBytes) {
    throw moduleRefused(
      'module_memory_too_large',
      `The module declares an initial memory of ${memory.min * PAGE_BYTES} bytes (${memory.min} pages), over the memory limit of ${memoryLimitBytes} bytes`,
      { declaredBytes: memory.min * PAGE_BYTES, limitBytes: memoryLimitBytes },
    );
  }
}

import { moduleRefused } from './module-refusal';
import type { DeclaredCounts, WasmStructure } from '../common/wasm-binary';

/**
 * Caps on what a module declares, scaled by its tier's memory cap: each kind of structure may
 * make V8 allocate at most STRUCTURE_SHARE of the memory cap, at the bytes per item it was
 * measured to take (Node 20, V8 11.3, compile and instantiation, rounded up to a power of two);
 * and never more than the engines' own limit (the lower of V8's src/wasm/wasm-limits.h and
 * wasmtime's wasmparser limits.rs).
 */
export const STRUCTURE_SHARE = 1 / 2;

export interface StructureLimit {
  name: keyof WasmStructure;
  bytesPerItem: number;
  /** Null where neither engine has one (customSections: neither has; the bound is the module checker's). */
  engineLimit: number | null;
  /** What the module declares, for the problem's detail. */
  describe(declared: number, structure: Partial<WasmStructure>): string;
}

const n = (value: number) => value.toLocaleString('en-US');
const plural = (count: number, one: string, many = `${one}s`) => `${n(count)} ${count === 1 ? one : many}`;

/** Read from the sections' leading counts: checked before the entries are decoded. */
export const DECLARED_COUNT_LIMITS: ReadonlyArray<StructureLimit & { name: keyof DeclaredCounts }> = [
  { name: 'types', bytesPerItem: 128, engineLimit: 1_000_000, describe: (count) => `declares ${plural(count, 'type')}` },
  { name: 'imports', bytesPerItem: 512, engineLimit: 100_000, describe: (count) => `declares ${plural(count, 'import')}` },
  { name: 'exports', bytesPerItem: 256, engineLimit: 100_000, describe: (count) => `declares ${plural(count, 'export')}` },
  // V8 lays out 64-bit mutable globals in time quadratic in their number: each is charged far above its bytes.
  { name: 'globals', bytesPerItem: 8192, engineLimit: 1_000_000, describe: (count) => `declares ${plural(count, 'global')}` },
  { name: 'elementSegments', bytesPerItem: 128, engineLimit: 100_000, describe: (count) => `declares ${plural(count, 'element segment')}` },
  { name: 'dataSegments', bytesPerItem: 64, engineLimit: 100_000, describe: (count) => `declares ${plural(count, 'data segment')}` },
  // Toolchains write tens; every pass over the module steps through them all.
  { name: 'customSections', bytesPerItem: 64, engineLimit: 10_000, describe: (count) => `has ${plural(count, 'custom section')}` },
];

/** Need the entries (or the code) decoded. */
export const MEASURED_LIMITS: readonly StructureLimit[] = [
  { name: 'functions', bytesPerItem: 128, engineLimit: 1_000_000, describe: (count) => `declares ${plural(count, 'function')}` },
  { name: 'tables', bytesPerItem: 1024, engineLimit: 100, describe: (count) => `declares ${plural(count, 'table')}` },
  {
    name: 'tableElements',
    bytesPerItem: 32,
    engineLimit: 10_000_000,
    describe: (count, structure) => `declares ${plural(structure.tables ?? 0, 'table')} with ${plural(count, 'element')} in total`,
  },
  { name: 'elementEntries', bytesPerItem: 64, engineLimit: 10_000_000, describe: (count) => `declares ${plural(count, 'element segment entry', 'element segment entries')} in total` },
  { name: 'locals', bytesPerItem: 64, engineLimit: 50_000, describe: (count, s) => `declares ${plural(count, 'local')} in function ${s.locals?.functionIndex}` },
  // Neither engine limits nesting; V8's single-pass compiler holds a frame per open block.
  { name: 'nesting', bytesPerItem: 1024, engineLimit: null, describe: (count, s) => `nests blocks ${n(count)} deep in function ${s.nesting?.functionIndex}` },
];

/** What a tier with this memory cap allows of `limit`: the one place the scaling is defined. */
export function structureCap(limit: StructureLimit, memoryLimitBytes: number): number {
  const budget = Math.floor((memoryLimitBytes * STRUCTURE_SHARE) / limit.bytesPerItem);
  return limit.engineLimit === null ? budget : Math.min(limit.engineLimit, budget);
}

function declaredValue(limit: StructureLimit, structure: Partial<WasmStructure>): number {
  const value = structure[limit.name];
  return typeof value === 'number' ? value : (value?.count ?? 0);
}

/** Throws `module_structure_too_large` for the first of `limits` that `structure` is over. */
export function checkStructure(limits: readonly StructureLimit[], structure: Partial<WasmStructure>, memoryLimitBytes: number, tier: string): void {
  for (const limit of limits) {
    const declared = declaredValue(limit, structure);
    const allowed = structureCap(limit, memoryLimitBytes);
    if (declared <= allowed) continue;
    throw moduleRefused(
      'module_structure_too_large',
      `The module ${limit.describe(declared, structure)}; the ${tier} tier allows ${n(allowed)}`,
      { limit: limit.name, declared, allowed, tier },
    );
  }
}

const CUSTOM_SECTIONS_LIMIT = DECLARED_COUNT_LIMITS.find((limit) => limit.name === 'customSections')!;

/** Custom sections a tier with this memory cap allows: past it, the module is refused before it is split. */
export function customSectionsCap(memoryLimitBytes: number): number {
  return structureCap(CUSTOM_SECTIONS_LIMIT, memoryLimitBytes);
}

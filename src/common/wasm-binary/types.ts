/** Public data shapes returned by `inspectWasm` / `capModuleLimits`. */

export type ExternKind = 'function' | 'table' | 'memory' | 'global' | 'tag';

export interface WasmImport {
  module: string;
  name: string;
  kind: ExternKind;
}

export interface WasmExport {
  name: string;
  kind: ExternKind;
  index: number;
}

/** memory: in 64 KiB pages; table: in elements. `max` is null when none is declared. */
export interface WasmLimits {
  min: number;
  max: number | null;
}

export interface WasmMemory extends WasmLimits {
  imported: boolean;
  shared: boolean;
  memory64: boolean;
  /** Name of the first export of this memory, or null if it is not exported. */
  exportName: string | null;
}

export interface WasmTable extends WasmLimits {
  imported: boolean;
  /** Name of the first export of this table, or null if it is not exported. */
  exportName: string | null;
}

export interface WasmModuleInfo {
  imports: WasmImport[];
  exports: WasmExport[];
  /** Index order: imported ones first, then defined ones. */
  memories: WasmMemory[];
  /** Index order: imported ones first, then defined ones. */
  tables: WasmTable[];
  hasStartSection: boolean;
}

export interface LimitCaps {
  /** Cap on every memory's maximum, in 64 KiB pages. */
  maxMemoryPages: number;
  /** Cap on every table's maximum, in elements. */
  maxTableElements: number;
}

/** Extern kind byte as used in import/export entries. */
export const EXTERN_KINDS: readonly ExternKind[] = ['function', 'table', 'memory', 'global', 'tag'];

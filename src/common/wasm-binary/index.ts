/**
 * Pure, dependency-free WebAssembly binary inspector and limit rewriter.
 * Core spec 2.0 plus multi-memory, memory64, threads (shared memories),
 * exception-handling tags and the function-references table form.
 */
export type {
  ExternKind,
  LimitCaps,
  WasmExport,
  WasmImport,
  WasmLimits,
  WasmMemory,
  WasmModuleInfo,
  WasmTable,
} from './types';
export { WasmFormatError, WasmLimitError } from './errors';
export { functionImportTypes, inspectWasm } from './inspect';
export type { FunctionImportType } from './inspect';
export type { FunctionType } from './type-section';
export { declaredCounts, measureStructure } from './structure';
export type { DeclaredCounts, WasmStructure } from './structure';
export type { FunctionCount } from './code-scan';
export { capModuleLimits, HIDDEN_MEMORY_EXPORT_PREFIX, HIDDEN_TABLE_EXPORT_PREFIX, SANDBOX_MEMORY_IMPORT } from './cap-limits';
export { tableCapOf } from './table-cap';
export type { ImportedMemoryLimits, MemoryImportName } from './cap-limits';
export { GROW_REFUSED_EXPORT, guardGrowth, RefusedGrow } from './grow-guard';
export { MEM32_MAX_PAGES, MEM64_MAX_PAGES, PAGE_BYTES } from './wasm-page';
export { encodeU32, encodeU64, readU32, readU64 } from './leb128';

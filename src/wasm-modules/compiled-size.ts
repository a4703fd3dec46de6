/**
 * What V8 keeps resident for a compiled module, fitted by measuring RSS around compiles and first
 * runs (Node 20, V8 11.3): a copy of its bytes, metadata for each function, and machine code for
 * each function that runs, compiled on its first call (lazily) at about twice its wasm size.
 */
const BYTES_PER_FUNCTION = 80;
const CODE_PER_WASM_BYTE = 2;

export function residentEstimate(moduleBytes: number, functions: number, codeBytes: number): number {
  return moduleBytes + functions * BYTES_PER_FUNCTION + codeBytes * CODE_PER_WASM_BYTE;
}

import { BrowserWasiShimEngine } from './browser-wasi-shim';
import { WasiEngine } from './engine';
import { WasmerEngine } from './wasmer';

export const ENGINE_NAMES = ['wasmer', 'browser_wasi_shim'] as const;
/**
 * Chosen by measurement (npm run conformance:compare): browser_wasi_shim passes 71 of the 72
 * wasi-testsuite programs against 38 for @wasmer/wasi, and runs a tiny module several times faster.
 */
export const DEFAULT_ENGINE = 'browser_wasi_shim';

export function createEngine(name: string): WasiEngine {
  switch (name === 'default' ? DEFAULT_ENGINE : name) {
    case 'wasmer':
      return new WasmerEngine();
    case 'browser_wasi_shim':
      return new BrowserWasiShimEngine();
    default:
      throw new Error(`unknown WASI engine "${name}"; known: ${ENGINE_NAMES.join(', ')}`);
  }
}

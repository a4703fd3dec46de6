import { BrowserWasiShimEngine } from './browser-wasi-shim';
import { WasiEngine } from './engine';
import { WasmerEngine } from './wasmer';

export const ENGINE_NAMES = ['wasmer', 'browser_wasi_shim'] as const;
export const DEFAULT_ENGINE = 'wasmer';

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

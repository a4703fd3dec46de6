import { BrowserWasiShimEngine } from './browser-wasi-shim';
import { WasiEngine } from './engine';
import { DEFAULT_ENGINE, ENGINE_NAMES } from '../../src/common/engine-names';
import { WasmerEngine } from './wasmer';

export { DEFAULT_ENGINE, ENGINE_NAMES };

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

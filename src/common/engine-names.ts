/** The WASI engines a worker can run, by the name `WASI_ENGINE` takes; in src/common so that config reads them without loading the engines. */
export const ENGINE_NAMES = ['wasmer', 'browser_wasi_shim'] as const;
/**
 * Chosen by measurement (npm run conformance:compare): browser_wasi_shim passes more of the
 * wasi-testsuite programs than @wasmer/wasi and runs a tiny module several times faster (README).
 */
export const DEFAULT_ENGINE = 'browser_wasi_shim';

import { ERRNO_FAULT } from './engines/wasi-abi';

/**
 * A module's start function runs during instantiation, before the host can reach the guest's
 * memory (the instance does not exist yet), and the engines fail differently on a WASI call made
 * from there: @wasmer/wasi panics inside its own code (which would look like a guest trap), the
 * shim throws a host TypeError (an internal error). Until instantiation is over, every WASI
 * function the module imports, but `proc_exit`, answers EFAULT instead, identically on every
 * engine. Only the imported functions are wrapped: wrapping all of them cost a run three times as much.
 */
export function guardInstantiation(imports: WebAssembly.Imports, moduleImports: WebAssembly.ModuleImportDescriptor[], instantiated: () => boolean): void {
  for (const entry of moduleImports) {
    if (entry.kind !== 'function' || entry.name === 'proc_exit' || !entry.module.startsWith('wasi_')) continue;
    const namespace = imports[entry.module] as Record<string, WebAssembly.ImportValue> | undefined;
    const call = namespace?.[entry.name] as ((...args: unknown[]) => unknown) | undefined;
    if (!namespace || typeof call !== 'function') continue;
    namespace[entry.name] = (...args: unknown[]): unknown => (instantiated() ? call(...args) : ERRNO_FAULT);
  }
}

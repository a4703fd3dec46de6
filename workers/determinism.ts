import { createCipheriv, createHash } from 'node:crypto';
import { WASI_NAMESPACES } from '../src/common/wasi-imports';
import { ERRNO_INVAL, ERRNO_SUCCESS } from './engines/wasi-abi';
import { FIXED_STEP_NS, FixedClock, isWasiClock } from './guest-clock';
import { faultsAsErrno, GuestMemoryView } from './guest-memory-view';

type WasiFunction = (...args: never[]) => unknown;

/**
 * `random_get` for a seeded run: the ChaCha20 keystream under the key SHA-256(seed in decimal)
 * and an all-zero nonce, read on from call to call. The same seed gives the same bytes in the
 * same order, on every engine and every host.
 */
export function seededRandom(seed: number): (length: number) => Uint8Array {
  const key = createHash('sha256').update(String(seed)).digest();
  const stream = createCipheriv('chacha20', key, Buffer.alloc(16));
  return (length) => stream.update(Buffer.alloc(length));
}

/** clock_time_get and clock_res_get on the run's fixed clock (its sleeps are poll_oneoff's: see installFdTable). */
function fixedClockFunctions(clock: FixedClock, memory: GuestMemoryView): Record<string, WasiFunction> {
  return {
    clock_time_get: (id: number, _precision: bigint, timePtr: number): number =>
      faultsAsErrno(() => {
        memory.check(timePtr >>> 0, 8);
        const now = clock.read(id);
        if (now === null) return ERRNO_INVAL;
        memory.view().setBigUint64(timePtr >>> 0, now, true);
        return ERRNO_SUCCESS;
      }),
    clock_res_get: (id: number, resolutionPtr: number): number =>
      faultsAsErrno(() => {
        memory.check(resolutionPtr >>> 0, 8);
        if (!isWasiClock(id)) return ERRNO_INVAL;
        memory.view().setBigUint64(resolutionPtr >>> 0, FIXED_STEP_NS, true);
        return ERRNO_SUCCESS;
      }),
  };
}

function seededFunctions(seed: number, memory: GuestMemoryView): Record<string, WasiFunction> {
  const random = seededRandom(seed);
  return {
    random_get: (ptr: number, length: number): number =>
      faultsAsErrno(() => {
        const count = length >>> 0;
        memory.bytes(ptr >>> 0, count).set(random(count));
        return ERRNO_SUCCESS;
      }),
  };
}

export interface Determinism {
  /** The run's fixed clock, or null when it reads the host's time. */
  clock: FixedClock | null;
  randomSeed: number | null;
}

/**
 * Replaces, in every WASI namespace the module imports from, the functions through which the
 * host's time and randomness reach the guest, as the run asks: identically on every engine.
 */
export function applyDeterminism(imports: WebAssembly.Imports, guest: GuestMemoryView, determinism: Determinism): void {
  if (!determinism.clock && determinism.randomSeed === null) return;
  // One random stream for the run, whichever namespace the guest draws from.
  const seeded = determinism.randomSeed === null ? {} : seededFunctions(determinism.randomSeed, guest);
  for (const name of WASI_NAMESPACES) {
    const namespace = imports[name] as Record<string, WasiFunction> | undefined;
    if (!namespace) continue;
    const replacements = { ...(determinism.clock ? fixedClockFunctions(determinism.clock, guest) : {}), ...seeded };
    for (const [fn, replacement] of Object.entries(replacements)) {
      if (fn in namespace) namespace[fn] = replacement;
    }
  }
}

import { createCipheriv, createHash, randomFillSync } from 'node:crypto';
import { WASI_NAMESPACES } from '../src/common/wasi-imports';
import { ERRNO_INVAL, ERRNO_SUCCESS } from './engines/wasi-abi';
import type { GuestClock } from './guest-clock';
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

/**
 * clock_time_get and clock_res_get on the run's clock, fixed or the host's (its sleeps are
 * poll_oneoff's: see installFdTable). The pointer is checked first, so a bad one is EFAULT and
 * does not move a fixed clock on; an unknown clock is INVAL.
 */
function clockFunctions(clock: GuestClock, memory: GuestMemoryView): Record<string, WasiFunction> {
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
        const resolution = clock.resolutionNs(id);
        if (resolution === null) return ERRNO_INVAL;
        memory.view().setBigUint64(resolutionPtr >>> 0, resolution, true);
        return ERRNO_SUCCESS;
      }),
  };
}

/** random_get from `fill`: the seeded stream, or the host's CSPRNG (the shim falls back to Math.random on a shared memory, which every guest's is). */
function randomFunctions(fill: (into: Uint8Array) => void, memory: GuestMemoryView): Record<string, WasiFunction> {
  return {
    random_get: (ptr: number, length: number): number =>
      faultsAsErrno(() => {
        fill(memory.bytes(ptr >>> 0, length >>> 0));
        return ERRNO_SUCCESS;
      }),
  };
}

function seededFill(seed: number): (into: Uint8Array) => void {
  const random = seededRandom(seed);
  return (into) => into.set(random(into.length));
}

export interface Determinism {
  /** The run's clock: a FixedClock, or a HostClock when it reads the host's time. */
  clock: GuestClock;
  randomSeed: number | null;
}

/**
 * Replaces, in every WASI namespace the module imports from, the functions through which the
 * host's time and randomness reach the guest, as the run asks: identically on every engine
 * (random_get from node:crypto when no seed is given).
 * clock_time_get and clock_res_get are always the run's clock's, on the host's clock too: the
 * shim's own are Date.now()'s (milliseconds, and 0 for the CPU-time clocks), and file times and
 * poll_oneoff read the run's clock as well.
 */
export function applyDeterminism(imports: WebAssembly.Imports, guest: GuestMemoryView, determinism: Determinism): void {
  // One clock and one random stream for the run, whichever namespace the guest reads from.
  const replacements = {
    ...clockFunctions(determinism.clock, guest),
    ...randomFunctions(determinism.randomSeed === null ? (into) => randomFillSync(into) : seededFill(determinism.randomSeed), guest),
  };
  for (const name of WASI_NAMESPACES) {
    const namespace = imports[name] as Record<string, WasiFunction> | undefined;
    if (!namespace) continue;
    for (const [fn, replacement] of Object.entries(replacements)) {
      if (fn in namespace) namespace[fn] = replacement;
    }
  }
}

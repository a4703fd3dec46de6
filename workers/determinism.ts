import { createCipheriv, createHash } from 'node:crypto';
import { WASI_NAMESPACES } from '../src/modules/wasi-imports';
import { pollOneoff } from './engines/poll-oneoff';
import { ERRNO_FAULT, ERRNO_INVAL, ERRNO_SUCCESS, EVENTTYPE_CLOCK, SUBSCRIPTION_BYTES } from './engines/wasi-abi';
import { FIXED_STEP_NS, FixedClock, isWasiClock } from './guest-clock';

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

interface GuestMemory {
  view(): DataView;
  /** Throws a RangeError when [ptr, ptr + length) is outside the guest's memory. */
  check(ptr: number, length: number): void;
}

function guestMemory(memory: () => WebAssembly.Memory | undefined): GuestMemory {
  const view = () => new DataView(memory()?.buffer ?? new ArrayBuffer(0));
  return {
    view,
    check(ptr, length) {
      if (ptr + length > view().byteLength) throw new RangeError('outside the guest memory');
    },
  };
}

/** Runs `call`, answering EFAULT when it touched memory outside the guest's. */
function faulting(call: () => number): number {
  try {
    return call();
  } catch (error) {
    if (error instanceof RangeError) return ERRNO_FAULT;
    throw error;
  }
}

function onlyClocks(memory: GuestMemory, inPtr: number, count: number): boolean {
  const view = memory.view();
  if (count === 0 || inPtr + count * SUBSCRIPTION_BYTES > view.byteLength) return false;
  for (let i = 0; i < count; i++) {
    if (view.getUint8(inPtr + i * SUBSCRIPTION_BYTES + 8) !== EVENTTYPE_CLOCK) return false;
  }
  return true;
}

/** clock_time_get, clock_res_get and (for sleeps) poll_oneoff on the run's fixed clock. */
function fixedClockFunctions(clock: FixedClock, memory: GuestMemory, original: Record<string, WasiFunction>): Record<string, WasiFunction> {
  const enginePoll = original.poll_oneoff as ((...args: number[]) => number) | undefined;
  return {
    clock_time_get: (id: number, _precision: bigint, timePtr: number): number =>
      faulting(() => {
        memory.check(timePtr >>> 0, 8);
        const now = clock.read(id);
        if (now === null) return ERRNO_INVAL;
        memory.view().setBigUint64(timePtr >>> 0, now, true);
        return ERRNO_SUCCESS;
      }),
    clock_res_get: (id: number, resolutionPtr: number): number =>
      faulting(() => {
        memory.check(resolutionPtr >>> 0, 8);
        if (!isWasiClock(id)) return ERRNO_INVAL;
        memory.view().setBigUint64(resolutionPtr >>> 0, FIXED_STEP_NS, true);
        return ERRNO_SUCCESS;
      }),
    // A sleep moves the clock on at once; a poll that also waits for fds stays the engine's
    // (every fd is ready at once there, so no clock is waited on).
    poll_oneoff: (inPtr: number, outPtr: number, count: number, neventsPtr: number): number =>
      onlyClocks(memory, inPtr >>> 0, count >>> 0) || !enginePoll
        ? faulting(() => pollOneoff({ ...memory, readyBytes: () => null, clock }, inPtr >>> 0, outPtr >>> 0, count >>> 0, neventsPtr >>> 0))
        : enginePoll(inPtr, outPtr, count, neventsPtr),
  };
}

function seededFunctions(seed: number, memory: GuestMemory): Record<string, WasiFunction> {
  const random = seededRandom(seed);
  return {
    random_get: (ptr: number, length: number): number =>
      faulting(() => {
        const [at, count] = [ptr >>> 0, length >>> 0];
        memory.check(at, count);
        new Uint8Array(memory.view().buffer, at, count).set(random(count));
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
export function applyDeterminism(imports: WebAssembly.Imports, memory: () => WebAssembly.Memory | undefined, determinism: Determinism): void {
  if (!determinism.clock && determinism.randomSeed === null) return;
  const guest = guestMemory(memory);
  // One random stream for the run, whichever namespace the guest draws from.
  const seeded = determinism.randomSeed === null ? {} : seededFunctions(determinism.randomSeed, guest);
  for (const name of WASI_NAMESPACES) {
    const namespace = imports[name] as Record<string, WasiFunction> | undefined;
    if (!namespace) continue;
    const replacements = { ...(determinism.clock ? fixedClockFunctions(determinism.clock, guest, namespace) : {}), ...seeded };
    for (const [fn, replacement] of Object.entries(replacements)) {
      if (fn in namespace) namespace[fn] = replacement;
    }
  }
}

import { CLOCKID_REALTIME, monotonicNs, realtimeNs, sleepNs } from './engines/wasi-abi';

/** Where a run's WASI time comes from. */
export interface GuestClock {
  realtimeNs(): bigint;
  monotonicNs(): bigint;
  /** Waits `ns` nanoseconds, or moves the clock on by them. */
  sleepNs(ns: bigint): void;
}

/** The host's clocks: a run sees the real time. */
export const HOST_CLOCK: GuestClock = { realtimeNs, monotonicNs, sleepNs };

/** Where a fixed clock's realtime starts: 2024-01-01T00:00:00Z. */
export const FIXED_EPOCH_NS = 1_704_067_200_000_000_000n;
/** How far a fixed clock moves on at every clock_time_get. */
export const FIXED_STEP_NS = 1_000n;

const CLOCKID_LAST = 3;

/** realtime, monotonic, process and thread CPU time. */
export function isWasiClock(id: number): boolean {
  return id >= 0 && id <= CLOCKID_LAST;
}

/**
 * A clock of the run's own, for replayable runs: it starts at FIXED_EPOCH_NS (realtime) and 0
 * (monotonic and CPU times), moves on by FIXED_STEP_NS after each reading the guest takes, and by
 * the full timeout when the guest sleeps, at once. Nothing of the host's time shows through, so
 * the same program on the same input reads the same times.
 */
export class FixedClock implements GuestClock {
  private elapsedNs = 0n;

  realtimeNs(): bigint {
    return FIXED_EPOCH_NS + this.elapsedNs;
  }

  monotonicNs(): bigint {
    return this.elapsedNs;
  }

  sleepNs(ns: bigint): void {
    if (ns > 0n) this.elapsedNs += ns;
  }

  /**
   * What clock_time_get answers for WASI clock `id` (null for an unknown one); then a step
   * passes. The CPU-time clocks follow the monotonic one.
   */
  read(id: number): bigint | null {
    if (!isWasiClock(id)) return null;
    const now = id === CLOCKID_REALTIME ? this.realtimeNs() : this.monotonicNs();
    this.elapsedNs += FIXED_STEP_NS;
    return now;
  }
}

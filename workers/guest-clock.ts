import { CLOCKID_MONOTONIC, CLOCKID_PROCESS_CPUTIME_ID, CLOCKID_REALTIME, CLOCKID_THREAD_CPUTIME_ID, monotonicNs, realtimeNs, rebaseRealtime, sleepNs } from './engines/wasi-abi';

/** Where a run's WASI time comes from. */
export interface GuestClock {
  realtimeNs(): bigint;
  monotonicNs(): bigint;
  /** Waits `ns` nanoseconds, or moves the clock on by them. */
  sleepNs(ns: bigint): void;
  /** What clock_time_get answers for WASI clock `id`: null for an unknown one. */
  read(id: number): bigint | null;
  /** What clock_res_get answers for WASI clock `id`: null for an unknown one. */
  resolutionNs(id: number): bigint | null;
}

/** Where a fixed clock's realtime starts: 2024-01-01T00:00:00Z. */
export const FIXED_EPOCH_NS = 1_704_067_200_000_000_000n;
/** How far a fixed clock moves on at every clock_time_get. */
export const FIXED_STEP_NS = 1_000n;
/** The resolution of every host clock, as node:wasi (uvwasi on Linux) answers it. */
export const HOST_RESOLUTION_NS = 1n;

const CLOCKID_LAST = CLOCKID_THREAD_CPUTIME_ID;

/** realtime, monotonic, process and thread CPU time. */
export function isWasiClock(id: number): boolean {
  return id >= 0 && id <= CLOCKID_LAST;
}

/**
 * The host's clocks, one per run: realtime and monotonic are the host's (nanosecond steps, see
 * wasi-abi.ts), and the CPU-time clocks count the run's own time on its thread from when the
 * run started, less the time it slept in poll_oneoff. A guest is single-threaded and never gives
 * the thread up but to sleep, so that is its CPU time (Node 20 has no per-thread CPU measure:
 * process.cpuUsage counts every thread of the process). Process
 * and thread CPU time are the same: the guest is the only thread of its process.
 */
export class HostClock implements GuestClock {
  private readonly startedNs = monotonicNs();
  private sleptNs = 0n;

  constructor() {
    rebaseRealtime();
  }

  realtimeNs(): bigint {
    return realtimeNs();
  }

  monotonicNs(): bigint {
    return monotonicNs();
  }

  sleepNs(ns: bigint): void {
    if (ns <= 0n) return;
    const before = monotonicNs();
    sleepNs(ns);
    this.sleptNs += monotonicNs() - before;
  }

  /** The run's CPU time: 0 at its start, then moving with the guest's work. */
  cpuTimeNs(): bigint {
    return monotonicNs() - this.startedNs - this.sleptNs;
  }

  read(id: number): bigint | null {
    switch (id) {
      case CLOCKID_REALTIME:
        return realtimeNs();
      case CLOCKID_MONOTONIC:
        return monotonicNs();
      case CLOCKID_PROCESS_CPUTIME_ID:
      case CLOCKID_THREAD_CPUTIME_ID:
        return this.cpuTimeNs();
      default:
        return null;
    }
  }

  resolutionNs(id: number): bigint | null {
    return isWasiClock(id) ? HOST_RESOLUTION_NS : null;
  }
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

  /** Every clock moves by FIXED_STEP_NS at a time. */
  resolutionNs(id: number): bigint | null {
    return isWasiClock(id) ? FIXED_STEP_NS : null;
  }
}

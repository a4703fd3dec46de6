import {
  CLOCKID_MONOTONIC,
  CLOCKID_REALTIME,
  ERRNO_BADF,
  ERRNO_INVAL,
  ERRNO_SUCCESS,
  EVENT_BYTES,
  EVENTTYPE_CLOCK,
  EVENTTYPE_FD_READ,
  EVENTTYPE_FD_WRITE,
  SUBCLOCKFLAGS_ABSTIME,
  SUBSCRIPTION_BYTES,
} from './wasi-abi';
import type { GuestClock } from '../guest-clock';

export interface PollHost {
  view(): DataView;
  /** Throws when [ptr, ptr + length) is outside the guest's memory. */
  check(ptr: number, length: number): void;
  /** Bytes ready to read (0 for writing), or null when the fd is not open. */
  readyBytes(fd: number, reading: boolean): bigint | null;
  /** The run's clock, which clock subscriptions are measured against and sleep on. */
  clock: GuestClock;
}

/** The fds that `count` subscriptions at `inPtr` wait on (to read or to write). */
export function subscribedFds(host: PollHost, inPtr: number, count: number): number[] {
  host.check(inPtr, count * SUBSCRIPTION_BYTES);
  const view = host.view();
  const fds: number[] = [];
  for (let i = 0; i < count; i++) {
    const at = inPtr + i * SUBSCRIPTION_BYTES;
    const type = view.getUint8(at + 8);
    if (type === EVENTTYPE_FD_READ || type === EVENTTYPE_FD_WRITE) fds.push(view.getUint32(at + 16, true));
  }
  return fds;
}

/**
 * `poll_oneoff` for an in-memory sandbox: every open fd is ready at once, and clock
 * subscriptions sleep (without spinning) until the earliest one is due; the event count is
 * always written.
 */
export function pollOneoff(host: PollHost, inPtr: number, outPtr: number, count: number, neventsPtr: number): number {
  const { view, check } = host;
  if (count === 0) return ERRNO_INVAL;
  check(inPtr, count * SUBSCRIPTION_BYTES);
  check(outPtr, count * EVENT_BYTES);
  check(neventsPtr, 4);
  const input = view();
  const events: Array<{ userdata: bigint; error: number; type: number; nbytes: bigint }> = [];
  const clocks: Array<{ userdata: bigint; remaining: bigint }> = [];
  for (let i = 0; i < count; i++) {
    const at = inPtr + i * SUBSCRIPTION_BYTES;
    const userdata = input.getBigUint64(at, true);
    const type = input.getUint8(at + 8);
    if (type === EVENTTYPE_CLOCK) {
      const clock = input.getUint32(at + 16, true);
      const timeout = input.getBigUint64(at + 24, true);
      const flags = input.getUint16(at + 40, true);
      if (clock !== CLOCKID_REALTIME && clock !== CLOCKID_MONOTONIC) {
        events.push({ userdata, error: ERRNO_INVAL, type, nbytes: 0n });
        continue;
      }
      const now = clock === CLOCKID_REALTIME ? host.clock.realtimeNs() : host.clock.monotonicNs();
      clocks.push({ userdata, remaining: flags & SUBCLOCKFLAGS_ABSTIME ? timeout - now : timeout });
    } else if (type === EVENTTYPE_FD_READ || type === EVENTTYPE_FD_WRITE) {
      const nbytes = host.readyBytes(input.getUint32(at + 16, true), type === EVENTTYPE_FD_READ);
      events.push({ userdata, error: nbytes === null ? ERRNO_BADF : ERRNO_SUCCESS, type, nbytes: nbytes ?? 0n });
    } else {
      return ERRNO_INVAL;
    }
  }
  if (events.length === 0 && clocks.length > 0) {
    const wait = clocks.reduce((least, clock) => (clock.remaining < least ? clock.remaining : least), clocks[0].remaining);
    host.clock.sleepNs(wait);
    for (const clock of clocks) clock.remaining -= wait;
  }
  for (const clock of clocks) {
    if (clock.remaining <= 0n) events.push({ userdata: clock.userdata, error: ERRNO_SUCCESS, type: EVENTTYPE_CLOCK, nbytes: 0n });
  }
  const output = view();
  events.forEach((event, i) => {
    const at = outPtr + i * EVENT_BYTES;
    new Uint8Array(output.buffer, at, EVENT_BYTES).fill(0);
    output.setBigUint64(at, event.userdata, true);
    output.setUint16(at + 8, event.error, true);
    output.setUint8(at + 10, event.type);
    output.setBigUint64(at + 16, event.nbytes, true);
  });
  output.setUint32(neventsPtr, events.length, true);
  return ERRNO_SUCCESS;
}

/**
 * `work`, or a rejection naming `ms` once they have passed and every reply already received has
 * been read. The timer's verdict waits for the event loop's pending I/O (setImmediate runs after
 * it): a process that was busy or off the CPU for longer than `ms` finds Redis's reply sitting in
 * its socket, and that reply wins. ioredis's own commandTimeout fires in the timers phase, before
 * that I/O is read, and so took a healthy Redis for a dead one after any such stall.
 */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      finish();
    };
    const timer = setTimeout(() => setImmediate(() => settle(() => reject(new Error(`Redis did not answer within ${ms} ms`)))), ms);
    work.then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}

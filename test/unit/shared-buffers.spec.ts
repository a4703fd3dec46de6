import { SharedBuffers } from '../../src/sandbox/shared-buffers';

describe('SharedBuffers', () => {
  it('hands a given-back buffer out again for the same size only', () => {
    const buffers = new SharedBuffers();
    const first = buffers.take(1000);
    buffers.give(first);
    expect(buffers.take(2000)).not.toBe(first);
    expect(buffers.take(1000)).toBe(first);
    expect(buffers.take(1000)).not.toBe(first);
  });

  it('copies input into a buffer of the next power of two (at least 4 KiB), viewed at its length', () => {
    const buffers = new SharedBuffers();
    const small = buffers.takeCopy(Buffer.from('hello'));
    expect(small.buffer.byteLength).toBe(4096);
    expect(Buffer.from(small).toString()).toBe('hello');
    const large = buffers.takeCopy(new Uint8Array(70_000).fill(7));
    expect(large.buffer.byteLength).toBe(131_072);
    expect(large.length).toBe(70_000);
    expect(buffers.takeCopy(new Uint8Array(0)).length).toBe(0);
  });

  it('shows a reused buffer only the new bytes', () => {
    const buffers = new SharedBuffers();
    const long = buffers.takeCopy(Buffer.alloc(3000, 'a'));
    buffers.give(long.buffer);
    const short = buffers.takeCopy(Buffer.from('bc'));
    expect(short.buffer).toBe(long.buffer);
    expect(Buffer.from(short).toString()).toBe('bc');
  });

  it('keeps at most 64 idle buffers of a size, and at most 128 MiB of all sizes together', () => {
    const buffers = new SharedBuffers();
    const giveBack = (bytes: number, count: number) => {
      const taken = Array.from({ length: count }, () => buffers.take(bytes));
      taken.forEach((buffer) => buffers.give(buffer));
      return taken;
    };
    /** How many of `taken` are idle: taken again (and given back, so they stay idle). */
    const idle = (bytes: number, taken: SharedArrayBuffer[]) => {
      const again = taken.map(() => buffers.take(bytes));
      again.forEach((buffer) => buffers.give(buffer));
      return again.filter((buffer) => taken.includes(buffer)).length;
    };
    expect(idle(1024, giveBack(1024, 80))).toBe(64);
    // 64 KiB of small ones and 7 × 16 MiB are idle: an 8th would pass 128 MiB.
    expect(idle(16 * 2 ** 20, giveBack(16 * 2 ** 20, 10))).toBe(7);
  });
});

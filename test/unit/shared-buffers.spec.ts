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

  it('keeps at most 64 idle buffers of a size, and at most 128 MiB of them', () => {
    const buffers = new SharedBuffers();
    const kept = (bytes: number, count: number) => {
      const taken = Array.from({ length: count }, () => buffers.take(bytes));
      taken.forEach((buffer) => buffers.give(buffer));
      const again = Array.from({ length: count }, () => buffers.take(bytes));
      return again.filter((buffer) => taken.includes(buffer)).length;
    };
    expect(kept(1024, 80)).toBe(64);
    expect(kept(16 * 2 ** 20, 10)).toBe(8);
  });
});

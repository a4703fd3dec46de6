import { GuestMemories } from '../../workers/guest-memories';
import { PAGE_BYTES } from '../../src/common/wasm-binary/wasm-page';

const small = { initialPages: 2, maximumPages: 16 };

describe('GuestMemories', () => {
  it('gives a memory back zeroed, to the next run asking for the same limits', () => {
    const memories = new GuestMemories();
    const first = memories.take(small);
    new Uint8Array(first.buffer).fill(0x5a);
    memories.give(first, small);
    expect(memories.stats).toEqual({ memories: 1, bytes: 2 * PAGE_BYTES });
    const second = memories.take(small);
    expect(second).toBe(first);
    expect(new Uint8Array(second.buffer).every((byte) => byte === 0)).toBe(true);
    expect(memories.stats).toEqual({ memories: 0, bytes: 0 });
  });

  it('makes shared memories, which grow in place: a thousand one-page grows past 64 MiB leave no buffers for the GC', () => {
    const memory = new GuestMemories().take({ initialPages: 1024, maximumPages: 4096 });
    expect(memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    const before = memory.buffer;
    for (let i = 0; i < 1000; i++) memory.grow(1);
    // A plain memory's grow detaches its buffer for a new one, each counted as new external memory.
    expect(before.byteLength).toBe(1024 * PAGE_BYTES);
    expect(memory.buffer.byteLength).toBe(2024 * PAGE_BYTES);
  });

  it('makes a new memory for other limits, with exactly those limits', () => {
    const memories = new GuestMemories();
    memories.give(memories.take(small), small);
    const other = memories.take({ initialPages: 2, maximumPages: 17 });
    expect(other.buffer.byteLength).toBe(2 * PAGE_BYTES);
    expect(other.grow(15)).toBe(2);
    expect(() => other.grow(1)).toThrow(RangeError);
    expect(memories.stats.memories).toBe(1);
  });

  it('does not keep a memory that grew (it cannot shrink back)', () => {
    const memories = new GuestMemories();
    const grown = memories.take(small);
    grown.grow(1);
    memories.give(grown, small);
    expect(memories.stats).toEqual({ memories: 0, bytes: 0 });
    expect(memories.take(small)).not.toBe(grown);
  });

  it('keeps at most 16 MiB idle, dropping the least recently used first', () => {
    const memories = new GuestMemories();
    const limits = [100, 101, 102].map((initialPages) => ({ initialPages, maximumPages: 1000 }));
    const [a, b, c] = limits.map((each) => memories.take(each));
    memories.give(a, limits[0]);
    memories.give(b, limits[1]);
    expect(memories.stats.memories).toBe(2);
    memories.give(c, limits[2]);
    expect(memories.stats).toEqual({ memories: 2, bytes: (101 + 102) * PAGE_BYTES });
    expect(memories.take(limits[0])).not.toBe(a);
    expect(memories.take(limits[1])).toBe(b);
    const huge = { initialPages: 257, maximumPages: 300 };
    memories.give(memories.take(huge), huge);
    expect(memories.stats.memories).toBe(1);
  });
});

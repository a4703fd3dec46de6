import { inLanes, type LaneSlots } from '../../src/batches/lanes';

/** Slots handed out one per lane, up to `free`; the others wait until one is given back. */
function slots(free: number) {
  const events: string[] = [];
  let available = free;
  let wake: (() => void)[] = [];
  const pool: LaneSlots = {
    acquire: async (lane, needed) => {
      for (;;) {
        if (!needed()) return null;
        if (available > 0) break;
        await new Promise<void>((resolve) => wake.push(resolve));
      }
      available--;
      events.push(`take ${lane}`);
      return {
        outlived: () => false,
        renew: async () => true,
        release: async () => {
          available++;
          events.push(`give ${lane}`);
          const waiting = wake;
          wake = [];
          waiting.forEach((resolve) => resolve());
        },
      };
    },
  };
  return { pool, events };
}

describe('batch lanes', () => {
  it('runs every item in as many lanes as have a slot, at most the parallelism, and gives each slot back', async () => {
    const { pool, events } = slots(2);
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await inLanes([0, 1, 2, 3, 4, 5], 4, pool, async (item) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
      done.push(item);
    });
    expect(done.sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    // The lanes that waited were not needed once the two with slots had taken every item.
    expect(events.filter((event) => event.startsWith('take'))).toEqual(['take 0', 'take 1']);
    expect(events.filter((event) => event.startsWith('give')).sort()).toEqual(['give 0', 'give 1']);
  });

  it('stops taking items once one fails, gives the slots back and throws that failure', async () => {
    const { pool, events } = slots(3);
    const started: number[] = [];
    await expect(
      inLanes([0, 1, 2, 3, 4, 5, 6], 3, pool, async (item) => {
        started.push(item);
        if (item === 1) throw new Error('run 1 failed');
        await new Promise((resolve) => setImmediate(resolve));
      }),
    ).rejects.toThrow('run 1 failed');
    expect(started.length).toBeLessThan(7);
    expect(events.filter((event) => event.startsWith('give'))).toHaveLength(3);
  });
});

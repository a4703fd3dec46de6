import type { ConcurrencyLease } from '../quotas/quota.service';

/** A lane's slot: renewed before an item once it has outlived half its lease, given back when the lane ends. */
export type LaneSlot = Pick<ConcurrencyLease, 'outlived' | 'renew' | 'release'>;

export interface LaneSlots {
  /** Waits for lane `lane`'s slot while `needed()`; null once it no longer is. */
  acquire(lane: number, needed: () => boolean): Promise<LaneSlot | null>;
}

/**
 * `work` on every item, `parallelism` at a time, each lane in its slot. Once one fails no lane
 * takes another item, and the failure is thrown when the items already started have ended: none
 * outlives the attempt.
 */
export async function inLanes<T>(items: T[], parallelism: number, slots: LaneSlots, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const more = () => !failed && next < items.length;
  const lane = async (index: number) => {
    const slot = await slots.acquire(index, more);
    if (!slot) return;
    try {
      while (more()) {
        // Taken again under its own id, it is never refused while it is held.
        if (slot.outlived()) await slot.renew();
        if (!more()) break;
        await work(items[next++]).catch((error: unknown) => {
          failed = true;
          throw error;
        });
      }
    } finally {
      // Not awaited: a lease given back with the account's next decision settles only then, and
      // the batch's answer must not wait for it.
      void slot.release();
    }
  };
  const lanes = await Promise.allSettled(Array.from({ length: Math.min(parallelism, items.length) }, (_, index) => lane(index)));
  const failure = lanes.find((lane): lane is PromiseRejectedResult => lane.status === 'rejected');
  if (failure) throw failure.reason;
}

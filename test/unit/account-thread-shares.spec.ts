import { AccountThreadShares } from '../../src/sandbox/account-thread-shares';
import { RunCancelledError } from '../../src/sandbox/run-cancelled.error';

describe('AccountThreadShares', () => {
  it("hands an account's runs over at once up to its share, then one for each of its runs done, in the order they came", async () => {
    const shares = new AccountThreadShares(2);
    expect(shares.take('a', undefined)).toBeNull();
    expect(shares.take('a', undefined)).toBeNull();
    const order: string[] = [];
    const third = shares.take('a', undefined)!.then(() => order.push('third'));
    const fourth = shares.take('a', undefined)!.then(() => order.push('fourth'));
    expect(shares.waitingRuns).toBe(2);
    // Another account is not held up by the first one's line.
    expect(shares.take('b', undefined)).toBeNull();
    expect([shares.inPool('a'), shares.inPool('b')]).toEqual([2, 1]);
    shares.give('b');
    await Promise.resolve();
    expect(order).toEqual([]);
    shares.give('a');
    await third;
    expect(order).toEqual(['third']);
    expect(shares.inPool('a')).toBe(2);
    shares.give('a');
    await fourth;
    expect(order).toEqual(['third', 'fourth']);
    shares.give('a');
    shares.give('a');
    expect([shares.inPool('a'), shares.inPool('b'), shares.waitingRuns]).toEqual([0, 0, 0]);
    expect(shares.take('a', undefined)).toBeNull();
  });

  it('lets a waiting run go when its signal aborts, and gives the next place to the run behind it', async () => {
    const shares = new AccountThreadShares(1);
    expect(shares.take('a', undefined)).toBeNull();
    const cancel = new AbortController();
    const cancelled = shares.take('a', cancel.signal)!;
    const behind = shares.take('a', undefined)!;
    cancel.abort();
    await expect(cancelled).rejects.toBeInstanceOf(RunCancelledError);
    expect(shares.waitingRuns).toBe(1);
    shares.give('a');
    await expect(behind).resolves.toBeUndefined();
    // An abort after the run got its place changes nothing.
    const late = new AbortController();
    const next = shares.take('a', late.signal)!;
    shares.give('a');
    await next;
    late.abort();
    expect([shares.inPool('a'), shares.waitingRuns]).toEqual([1, 0]);
  });
});

import { LEASE_TTL_MS } from '../../src/quotas/quota-policy';
import { ConcurrencyLease, QuotaService } from '../../src/quotas/quota.service';
import { LeaseKeeper } from '../../src/quotas/lease-keeper';

describe('LeaseKeeper', () => {
  let keeper: LeaseKeeper;
  let renewals: number;
  const service = {
    renewLease: async () => (renewals++, true),
    releaseLease: async () => undefined,
    forgetLease: (lease: ConcurrencyLease) => keeper.forget(lease),
  } as unknown as QuotaService;

  beforeEach(() => {
    jest.useFakeTimers({ now: Date.UTC(2026, 11, 4, 12) });
    renewals = 0;
    keeper = new LeaseKeeper();
  });
  afterEach(() => {
    keeper.stop();
    jest.useRealTimers();
  });

  const advance = async (ms: number) => {
    await jest.advanceTimersByTimeAsync(ms);
  };

  it('renews a held lease every half expiry for its lifetime, then leaves it to lapse', async () => {
    const lifetimeMs = 4 * LEASE_TTL_MS;
    keeper.keep(new ConcurrencyLease(service, {} as never, 'account', 'run', 1, lifetimeMs));
    await advance(LEASE_TTL_MS / 2 - 1_000);
    expect(renewals).toBe(0);
    await advance(LEASE_TTL_MS);
    expect(renewals).toBe(2);
    await advance(lifetimeMs);
    // Renewed up to the end of its lifetime (4 expiries: 8 half expiries), never after it.
    expect(renewals).toBeGreaterThanOrEqual(7);
    expect(renewals).toBeLessThanOrEqual(8);
    const atEnd = renewals;
    await advance(3 * LEASE_TTL_MS);
    expect(renewals).toBe(atEnd);
  });

  it('stops renewing a lease once it is given back', async () => {
    const lease = new ConcurrencyLease(service, {} as never, 'account', 'run', 1, 60_000);
    keeper.keep(lease);
    await advance(LEASE_TTL_MS);
    const before = renewals;
    expect(before).toBeGreaterThan(0);
    await lease.release();
    await advance(3 * LEASE_TTL_MS);
    expect(renewals).toBe(before);
  });
});

import { randomBytes } from 'node:crypto';
import { KeyHashFilter } from '../../src/auth/key-hash-filter';

const hashes = (count: number) => Array.from({ length: count }, () => randomBytes(32).toString('hex'));

describe('the filter of issued key hashes', () => {
  it('holds every member, and lets about 1 % of other hashes through at its capacity', () => {
    const members = hashes(20_000);
    const filter = new KeyHashFilter(members.length);
    for (const hash of members) filter.add(hash);
    expect(members.every((hash) => filter.mightContain(hash))).toBe(true);
    const strangers = hashes(100_000).filter((hash) => filter.mightContain(hash)).length;
    expect(strangers / 100_000).toBeLessThan(0.02);
  });

  it('holds nothing when empty', () => {
    const filter = new KeyHashFilter(0);
    expect(hashes(1000).some((hash) => filter.mightContain(hash))).toBe(false);
  });
});

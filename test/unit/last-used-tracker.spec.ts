import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { LastUsedTracker } from '../../src/auth/last-used-tracker.service';

/** The tracker's one statement: the key ids and times of each UPDATE, or a refusal while down. */
class FakeDatabase {
  isInitialized = true;
  down = false;
  updates: Record<string, string>[] = [];

  async query(_sql: string, [ids, times]: [string[], string[]]): Promise<void> {
    if (this.down) throw new Error('connect ECONNREFUSED');
    this.updates.push(Object.fromEntries(ids.map((id, i) => [id, times[i]])));
  }
}

describe('the last-used tracker', () => {
  let database: FakeDatabase;
  let tracker: LastUsedTracker;
  let close: () => Promise<void>;

  beforeEach(async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    database = new FakeDatabase();
    const module = await Test.createTestingModule({ providers: [LastUsedTracker, { provide: DataSource, useValue: database }] }).compile();
    await module.init();
    tracker = module.get(LastUsedTracker);
    close = () => module.close();
  });
  afterEach(async () => {
    await close();
    jest.useRealTimers();
  });

  it('writes the latest use of each key in one statement every 15 s, and nothing when nothing was used', async () => {
    tracker.touch('a');
    jest.setSystemTime(new Date('2026-01-01T00:00:01Z'));
    tracker.touch('b');
    tracker.touch('a');
    await jest.advanceTimersByTimeAsync(14_000);
    expect(database.updates).toEqual([]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(database.updates).toEqual([{ a: '2026-01-01T00:00:01.000Z', b: '2026-01-01T00:00:01.000Z' }]);
    await jest.advanceTimersByTimeAsync(15_000);
    expect(database.updates).toHaveLength(1);
  });

  it('keeps the times through a failed write, a newer use taking the place of an older one', async () => {
    database.down = true;
    tracker.touch('a');
    tracker.touch('b');
    await tracker.flush();
    jest.setSystemTime(new Date('2026-01-01T00:00:05Z'));
    tracker.touch('b');
    database.down = false;
    await tracker.flush();
    expect(database.updates).toEqual([{ a: '2026-01-01T00:00:00.000Z', b: '2026-01-01T00:00:05.000Z' }]);
  });
});

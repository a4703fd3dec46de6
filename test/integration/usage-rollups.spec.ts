import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ExecutionRecord } from '../../src/schema/execution-record.entity';
import { addToRollups } from '../../src/usage/usage-rollup';
import { withMigratedDatabase } from '../support/test-database';

const HOUR_MS = 3_600_000;

/** One record of `account` in hour `hour`, ending with `status`: one rollup row per (hour, status). */
function record(account: string, key: string, hour: number, status: 'success' | 'exit_error' | 'trap'): ExecutionRecord {
  return Object.assign(new ExecutionRecord(), { accountId: account, keyId: key, createdAt: new Date(hour * HOUR_MS), status, durationMs: 1, inputBytes: 1, stdoutBytes: 1, stderrBytes: 0, outputFileBytes: 0 });
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

describe('usage rollups', () => {
  it('take the locks of the rows they add to in one order: concurrent batches of one account never deadlock', async () => {
    await withMigratedDatabase(12, async (dataSource) => {
      const [account, key] = [randomUUID(), randomUUID()];
      const statuses = ['success', 'exit_error', 'trap'] as const;
      const records = Array.from({ length: 60 }, (_, i) => record(account, key, 490_000 + (i % 20), statuses[i % 3]));
      // Twelve batches of the same rows in different orders, each adding them in its own transaction:
      // before, Postgres found a deadlock among them (40P01) on most attempts.
      const rounds = 5;
      for (let round = 0; round < rounds; round++) {
        await Promise.all(Array.from({ length: 12 }, () => dataSource.transaction((manager) => addToRollups(manager, shuffled(records)))));
      }
      const [{ total }] = await dataSource.query('SELECT sum(count)::int AS total FROM usage_rollups WHERE account_id = $1', [account]);
      expect(total).toBe(rounds * 12 * records.length);
    });
  }, 120_000);
});

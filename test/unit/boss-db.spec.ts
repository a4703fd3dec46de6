import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import { bossDb, type BossPool } from '../../src/jobs/boss-db';

const REFUSAL = 'timeout exceeded when trying to connect';

function refusingPool(): BossPool {
  return { query: () => Promise.reject(new Error(REFUSAL)) };
}

describe("pg-boss's database (bossDb)", () => {
  it("turns a refused completion or failure of a job (pg-boss sends them unawaited) into a warning, not a rejection", async () => {
    const warnings: string[] = [];
    const boss = new PgBoss({ db: bossDb(refusingPool(), (message) => warnings.push(message)) });
    await expect(boss.complete('execution', randomUUID())).resolves.toMatchObject({ affected: 0 });
    await expect(boss.fail('execution', randomUUID(), { message: 'the handler threw' })).resolves.toMatchObject({ affected: 0 });
    expect(warnings).toEqual([
      `job queue: a job's end could not be written (${REFUSAL}); it will expire and be retried`,
      `job queue: a job's end could not be written (${REFUSAL}); it will expire and be retried`,
    ]);
  });

  it('lets every other statement fail as it does', async () => {
    const boss = new PgBoss({ db: bossDb(refusingPool(), () => undefined) });
    await expect(boss.cancel('execution', randomUUID())).rejects.toThrow(REFUSAL);
  });

  it('passes answers through, and sends nothing once the pool is ending', async () => {
    const answer = { rows: [{ count: '1' }] };
    const pool: BossPool = { query: async () => answer };
    const boss = new PgBoss({ db: bossDb(pool, () => undefined) });
    await expect(boss.complete('execution', randomUUID())).resolves.toMatchObject({ affected: 1 });
    pool.ending = true;
    pool.query = () => Promise.reject(new Error('sent after the end'));
    await expect(boss.cancel('execution', randomUUID())).resolves.toMatchObject({ affected: 0 });
  });
});

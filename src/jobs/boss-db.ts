import type PgBoss from 'pg-boss';

/** TypeORM's pool as pg-boss sees it: `ending` once the data source is being destroyed. */
export interface BossPool {
  ending?: boolean;
  query(text: string, values: unknown[]): Promise<unknown>;
}

// The statements pg-boss sends without awaiting them as a job's handler settles (its `complete`
// and `fail`), taken from pg-boss itself so they match the text it sends.
const plans = require('pg-boss/src/plans') as { DEFAULT_SCHEMA: string; completeJobs(schema: string): string; failJobsById(schema: string): string };
const SETTLING = new Set([plans.completeJobs(plans.DEFAULT_SCHEMA), plans.failJobsById(plans.DEFAULT_SCHEMA)]);

/**
 * pg-boss's database, over the service's pool. A job's completion or failure is sent without being
 * awaited: refused by the database (a connection timeout under load, a lost connection) it would
 * be a rejection no one handles, which stops the process; sent once the database is closing (pg-boss's
 * stop does not wait for a fetch in flight) likewise. Either is dropped and told: the job stays
 * active, expires and is retried, as a killed worker's is (every handler here is idempotent).
 */
export function bossDb(pool: BossPool, warn: (message: string) => void): PgBoss.Db {
  return {
    executeSql: (text, values) => {
      if (pool.ending) return Promise.resolve(null as never);
      const sent = pool.query(text, values) as Promise<{ rows: unknown[] }>;
      if (!SETTLING.has(text)) return sent;
      return sent.catch((error: Error) => {
        warn(`job queue: a job's end could not be written (${error.message}); it will expire and be retried`);
        return null as never;
      });
    },
  };
}

import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** Any fixed number, the same on every replica: pg_advisory_lock serialises their migrations. */
const MIGRATION_LOCK = 727_274_001;

/**
 * Runs pending migrations while holding a Postgres advisory lock, so replicas starting together
 * do not race. The lock is held on a connection of its own, outside the DataSource's pool (which
 * may be a single connection).
 */
export async function runMigrations(dataSource: DataSource, url: string): Promise<string[]> {
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}

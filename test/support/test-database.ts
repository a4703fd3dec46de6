import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { runMigrations } from '../../src/database/run-migrations';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh database on the machine's PostgreSQL for one test file; dropped afterwards. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `wasmwiz_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** `work` on a fresh, migrated database through a DataSource of `poolSize` connections; both gone afterwards. */
export async function withMigratedDatabase<T>(poolSize: number, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const database = await createTestDatabase();
  const dataSource = new DataSource(dataSourceOptions(database.url, poolSize));
  try {
    await dataSource.initialize();
    await runMigrations(dataSource, database.url);
    return await work(dataSource);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.drop();
  }
}

/** The ids of the execution records `accountId` has in the database at `databaseUrl`, sorted. */
export async function executionIds(databaseUrl: string, accountId: string): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows = await client.query('SELECT id FROM executions WHERE account_id = $1', [accountId]);
    return rows.rows.map((row: { id: string }) => row.id).sort();
  } finally {
    await client.end();
  }
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

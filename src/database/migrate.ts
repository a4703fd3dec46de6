import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { DatabaseConnection } from './database-connection';
import { dataSourceOptions } from './data-source';
import { runMigrations } from './run-migrations';

/** `npm run migrate`: applies pending migrations and exits (the k8s migration Job runs this). */
async function main(): Promise<void> {
  const connection = await DatabaseConnection.open(loadConfig());
  const dataSource = await new DataSource(dataSourceOptions(connection.url, 2)).initialize();
  try {
    const applied = await runMigrations(dataSource, connection.url);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the schema is up to date');
  } finally {
    await dataSource.destroy();
    await connection.close();
  }
}

main().catch((error) => {
  console.error(`migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

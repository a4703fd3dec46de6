import { DataSourceOptions } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { ApiKey } from '../auth/api-key.entity';
import { Batch } from '../batches/batch.entity';
import { ModuleBlob, StoredModule } from '../wasm-modules/stored-module.entity';
import { Tier } from '../tiers/tier.entity';
import { ExecutionRecord } from '../usage/execution-record.entity';
import { compiledFile } from '../common/paths';

export const ENTITIES = [Tier, Account, ApiKey, AuditEntry, ModuleBlob, StoredModule, ExecutionRecord, Batch];

/** Compiled migrations: dist/migrations beside dist/src. */
export const MIGRATIONS = [compiledFile('migrations', '*')];

export function dataSourceOptions(url: string, maxConnections = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsRun: false,
    synchronize: false,
    uuidExtension: 'pgcrypto',
    extra: { max: maxConnections, connectionTimeoutMillis: 5000 },
  };
}

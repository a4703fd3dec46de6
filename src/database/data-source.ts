import { DataSourceOptions } from 'typeorm';
import { Account } from '../schema/account.entity';
import { AuditEntry } from '../schema/audit-entry.entity';
import { ApiKey } from '../schema/api-key.entity';
import { ModuleBlob, ModuleBlobPiece, StoredModule } from '../schema/stored-module.entity';
import { Tier } from '../schema/tier.entity';
import { ExecutionRecord } from '../schema/execution-record.entity';
import { Batch } from '../schema/batch.entity';
import { compiledFile } from '../common/paths';
import { WebhookAttempt } from '../schema/webhook-attempt.entity';
import { WebhookSecret } from '../schema/webhook-secret.entity';

export const ENTITIES = [Tier, Account, ApiKey, AuditEntry, ModuleBlob, ModuleBlobPiece, StoredModule, ExecutionRecord, WebhookSecret, WebhookAttempt, Batch];

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

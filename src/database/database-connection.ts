import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';

const EMBEDDED_POOL_SIZE = 1;

/** Where the database is: the configured PostgreSQL, or an embedded one started for this process. */
export class DatabaseConnection {
  private constructor(
    readonly url: string,
    readonly maxConnections: number,
    readonly embedded: EmbeddedPostgres | null,
  ) {}

  static async open(config: AppConfig): Promise<DatabaseConnection> {
    if (config.databaseUrl) return new DatabaseConnection(config.databaseUrl, 10, null);
    const logger = new Logger('EmbeddedPostgres');
    const dataDir = join(config.dataDir, 'postgres');
    logger.log(`no DATABASE_URL: starting an embedded PostgreSQL (PGlite) in ${dataDir}`);
    const embedded = await startEmbeddedPostgres({ dataDir, log: (line) => logger.debug(line) });
    // PGlite is one session: the socket server interleaves protocol messages of several clients,
    // which can mix up their unnamed statements, so the pool keeps to one connection.
    return new DatabaseConnection(embedded.url, EMBEDDED_POOL_SIZE, embedded);
  }

  get kind(): 'postgres' | 'embedded' {
    return this.embedded ? 'embedded' : 'postgres';
  }

  async close(): Promise<void> {
    await this.embedded?.stop();
  }
}

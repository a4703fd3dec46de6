import { Global, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ContributesReadiness, ReadinessCheck, ReadinessContributor } from '../readiness/readiness-contributor';
import { DatabaseConnection } from './database-connection';
import { dataSourceOptions } from './data-source';
import { runMigrations } from './run-migrations';

/** The database answers a query. */
@ContributesReadiness('database')
@Injectable()
class DatabaseReadiness implements ReadinessContributor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly connection: DatabaseConnection,
  ) {}

  async readiness(): Promise<ReadinessCheck> {
    await this.dataSource.query('SELECT 1');
    return { status: 'up', kind: this.connection.kind };
  }
}

/** The connection (or the embedded server) TypeORM's factory waits for. */
@Module({
  providers: [
    {
      provide: DatabaseConnection,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => DatabaseConnection.open(config),
    },
  ],
  exports: [DatabaseConnection],
})
class DatabaseConnectionModule {}

/** TypeORM over the configured or embedded PostgreSQL, migrated on start. */
@Global()
@Module({
  imports: [
    DatabaseConnectionModule,
    TypeOrmModule.forRootAsync({
      imports: [DatabaseConnectionModule],
      inject: [DatabaseConnection],
      useFactory: (connection: DatabaseConnection) => dataSourceOptions(connection.url, connection.maxConnections),
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        const applied = await runMigrations(dataSource, (options as { url: string }).url);
        if (applied.length > 0) new Logger('Database').log(`applied migrations: ${applied.join(', ')}`);
        return dataSource;
      },
    }),
  ],
  providers: [DatabaseReadiness],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    private readonly connection: DatabaseConnection,
  ) {}

  /** The pool closes before an embedded server stops, so no query is cut off. */
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.connection.close();
  }
}

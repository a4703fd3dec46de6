import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { AccountsModule } from './accounts/accounts.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { DatabaseModule } from './database/database.module';
import { ExecutionsModule } from './executions/executions.module';
import { MetricsModule } from './metrics/metrics.module';
import { QuotasModule } from './quotas/quotas.module';
import { RedisModule } from './redis/redis.module';
import { TiersModule } from './tiers/tiers.module';
import { UsageModule } from './usage/usage.module';
import { ShutdownService } from './lifecycle/shutdown.service';
import { SandboxModule } from './sandbox/sandbox.module';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';

/**
 * The whole service. Only config, database and metrics are global; every other module imports
 * what it uses. ShutdownService is the root's own provider because Nest stops the root module's
 * providers first (see its comment).
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      providers: [ShutdownService],
      imports: [
        ConfigModule.forRoot(config),
        MetricsModule,
        DatabaseModule,
        RedisModule,
        JobsModule,
        AuditModule,
        TiersModule,
        QuotasModule,
        AuthModule,
        AccountsModule,
        SandboxModule,
        HealthModule,
        UsageModule,
        ExecutionsModule,
      ],
    };
  }
}

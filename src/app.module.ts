import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
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
import { ShutdownService } from './health/shutdown.service';
import { SandboxModule } from './sandbox/sandbox.module';
import { HealthModule } from './health/health.module';

/** What pino's standard request serializer hands a custom one. */
interface LoggedRequest {
  id: unknown;
  method: string;
  url: string;
  remoteAddress?: string;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      providers: [ShutdownService],
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            autoLogging: { ignore: (request) => request.url?.startsWith('/health') ?? false },
            // No headers in the logs at all (keys travel in them), and a small object to
            // serialise: pino-http binds it to every request's logger, logged or not.
            serializers: { req: (request: LoggedRequest) => ({ id: request.id, method: request.method, url: request.url, remoteAddress: request.remoteAddress }) },
          },
        }),
        MetricsModule,
        DatabaseModule,
        RedisModule,
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

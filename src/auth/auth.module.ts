import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthGuard, Authenticator } from '../access/auth.guard';
import { AccountsModule } from '../accounts/accounts.module';
import { AuditModule } from '../audit/audit.module';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { QuotasModule } from '../quotas/quotas.module';
import { RedisModule } from '../redis/redis.module';
import { AccountKeysController } from './account-keys.controller';
import { AdminKeysController } from './admin-keys.controller';
import { ApiKey } from '../schema/api-key.entity';
import { ApiKeysService } from './api-keys.service';
import { AuthService } from './auth.service';
import { KeysController } from './keys.controller';
import { KnownKeys } from './known-keys.service';
import { LastUsedTracker } from './last-used-tracker.service';
import { MeController } from './me.controller';
import { ServerSecrets } from './server-secrets';

/**
 * Keys and authentication. The guard (src/access) runs on every route of the app: it is bound
 * here, where its two collaborators are, the authenticator and the failure budget of quotas.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ApiKey]), AccountsModule, AuditModule, QuotasModule, RedisModule],
  controllers: [MeController, KeysController, AdminKeysController, AccountKeysController],
  providers: [
    { provide: ServerSecrets, inject: [APP_CONFIG], useFactory: (config: AppConfig) => ServerSecrets.load(config) },
    AuthService,
    { provide: Authenticator, useExisting: AuthService },
    ApiKeysService,
    LastUsedTracker,
    KnownKeys,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [ServerSecrets, LastUsedTracker],
})
export class AuthModule {}

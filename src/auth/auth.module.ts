import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { AdminKeysController } from './admin-keys.controller';
import { ApiKey } from './api-key.entity';
import { ApiKeysService } from './api-keys.service';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { KeysController } from './keys.controller';
import { KnownKeys } from './known-keys.service';
import { LastUsedTracker } from './last-used-tracker.service';
import { MeController } from './me.controller';
import { ServerSecrets } from './server-secrets';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ApiKey])],
  controllers: [MeController, KeysController, AdminKeysController],
  providers: [
    { provide: ServerSecrets, inject: [APP_CONFIG], useFactory: (config: AppConfig) => ServerSecrets.load(config) },
    AuthService,
    ApiKeysService,
    LastUsedTracker,
    KnownKeys,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, ApiKeysService, ServerSecrets, LastUsedTracker],
})
export class AuthModule {}

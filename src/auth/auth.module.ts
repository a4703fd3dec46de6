import { Global, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
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
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, ApiKeysService, ServerSecrets, LastUsedTracker],
})
export class AuthModule implements OnApplicationBootstrap {
  constructor(private readonly secrets: ServerSecrets) {}

  /** A generated admin token is shown once, on the start that made it. */
  onApplicationBootstrap(): void {
    if (this.secrets.generatedAdminToken) {
      new Logger('Admin').warn(
        `generated an admin token (kept in DATA_DIR/secrets.json; set ADMIN_TOKEN to choose your own): ${this.secrets.adminToken}`,
      );
    }
  }
}

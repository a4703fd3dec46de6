import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { WebhookContractModule } from './contract/webhook-contract.module';
import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookSecret } from './webhook-secret.entity';
import { WebhookSecretsService } from './webhook-secrets.service';
import { WebhooksController } from './webhooks.controller';

/** Signing secrets and the delivery of callbacks. */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookSecret, WebhookAttempt]), AuditModule, WebhookContractModule],
  controllers: [WebhooksController],
  providers: [WebhookSecretsService],
  exports: [WebhookSecretsService],
})
export class WebhooksModule {}

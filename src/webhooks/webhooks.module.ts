import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { BatchesModule } from '../batches/batches.module';
import { JobsModule } from '../jobs/jobs.module';
import { UsageModule } from '../usage/usage.module';
import { BatchCallbacks } from './batch-callbacks';
import { CallbackSources } from './callback-source';
import { ExecutionCallbacks } from './execution-callbacks';
import { CallbacksModule } from '../callbacks/callbacks.module';
import { WebhookAttempt } from '../schema/webhook-attempt.entity';
import { WebhookSecret } from '../schema/webhook-secret.entity';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookDeliveryWorker } from './webhook-delivery.worker';
import { WebhookSecretsService } from './webhook-secrets.service';
import { WebhooksController } from './webhooks.controller';

/** Signing secrets and the delivery of callbacks. */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookSecret, WebhookAttempt]), AuditModule, BatchesModule, JobsModule, UsageModule, CallbacksModule],
  controllers: [WebhooksController],
  providers: [WebhookSecretsService, CallbackSources, ExecutionCallbacks, BatchCallbacks, WebhookDeliveryService, WebhookDeliveryWorker],
  exports: [WebhookSecretsService, CallbackSources],
})
export class WebhooksModule {}

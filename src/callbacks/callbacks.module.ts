import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhookAttempt } from '../schema/webhook-attempt.entity';
import { CallbackAttempts } from './callback-attempts.service';
import { CallbackUrlChecker } from './callback-url.property';

/**
 * What the run and batch use cases need of webhooks, below them: the `callbackUrl` check at
 * submit and the attempts their views show. Delivery itself (src/webhooks) sits above them.
 */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookAttempt])],
  providers: [CallbackUrlChecker, CallbackAttempts],
  exports: [CallbackUrlChecker, CallbackAttempts],
})
export class CallbacksModule {}

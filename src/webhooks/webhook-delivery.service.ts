import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Counter } from 'prom-client';
import { Repository } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { MetricsService } from '../metrics/metrics.service';
import { CallbackAttempts } from '../callbacks/callback-attempts.service';
import { type CallbackContent, CallbackSources } from './callback-source';
import { AttemptOutcome, SignedPoster } from './signed-post';
import { CallbackSubject, WebhookAttempt } from '../schema/webhook-attempt.entity';
import { WebhookSecretsService } from './webhook-secrets.service';

/** The job of one delivery. */
export interface WebhookDeliveryJob {
  kind: CallbackSubject;
  id: string;
}

/** The `webhook-id` of a subject's callback: the same on every attempt, and across a restart. */
export function webhookIdOf(kind: CallbackSubject, id: string): string {
  return `msg_${kind}_${id}`;
}

/**
 * Delivers one callback, one attempt at a time: until one gets a 2xx, the URL is refused, or the
 * attempts run out. Attempts already recorded count (a worker that died mid-delivery, or the
 * attempts before a retry), so a delivery resumed elsewhere goes on where it was.
 */
@Injectable()
export class WebhookDeliveryService implements OnModuleDestroy {
  private readonly logger = new Logger(WebhookDeliveryService.name);
  private readonly poster: SignedPoster;
  private readonly outcomes: Counter<'outcome'>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sources: CallbackSources,
    @InjectRepository(WebhookAttempt) private readonly attempts: Repository<WebhookAttempt>,
    private readonly recorded: CallbackAttempts,
    private readonly secrets: WebhookSecretsService,
    metrics: MetricsService,
  ) {
    this.poster = new SignedPoster(config.webhooks);
    this.outcomes = new Counter({
      name: 'wasmwiz_webhook_attempts_total',
      help: 'Callback delivery attempts by outcome: delivered, retrying (a retry is queued), given_up (the last attempt failed), refused (the URL is not allowed)',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    });
  }

  /**
   * The callback's next attempt. Milliseconds to wait before the one after it (the wait doubles
   * from WEBHOOK_RETRY_DELAY), or null when the delivery is over: delivered, refused, or out of
   * attempts.
   */
  async attemptNext({ kind, id }: WebhookDeliveryJob): Promise<number | null> {
    const content = await this.sources.load(kind, id);
    if (!content) return null;
    const earlier = await this.recorded.of(kind, id);
    if (earlier.some((attempt) => attempt.delivered || attempt.error?.startsWith('refused'))) return null;
    const { maxAttempts, retryDelayMs } = this.config.webhooks;
    const attempt = earlier.length + 1;
    if (attempt > maxAttempts) return null;
    const outcome = await this.attempt(kind, id, content, JSON.stringify(content.payload), attempt);
    const settled = outcome.delivered ? 'delivered' : outcome.final ? 'refused' : attempt === maxAttempts ? 'given_up' : 'retrying';
    this.outcomes.inc({ outcome: settled });
    if (settled === 'given_up') this.logger.warn(`callback of ${kind} ${id} not delivered after ${maxAttempts} attempts`);
    return settled === 'retrying' ? retryDelayMs * 2 ** (attempt - 1) : null;
  }

  onModuleDestroy(): void {
    this.poster.close();
  }

  private async attempt(kind: CallbackSubject, id: string, content: CallbackContent, body: string, attempt: number): Promise<AttemptOutcome> {
    const attemptedAt = new Date();
    // The secrets of now on every attempt: a retry after a rotation verifies with the new one.
    const secrets = await this.secrets.signing(content.accountId);
    const webhookId = webhookIdOf(kind, id);
    const outcome = await this.poster.post({ url: content.url, webhookId, secrets, body });
    await this.attempts.insert({
      subjectKind: kind,
      subjectId: id,
      accountId: content.accountId,
      webhookId,
      url: content.url,
      attempt,
      attemptedAt,
      statusCode: outcome.statusCode,
      error: outcome.error,
      durationMs: outcome.durationMs,
      delivered: outcome.delivered,
    });
    return outcome;
  }
}

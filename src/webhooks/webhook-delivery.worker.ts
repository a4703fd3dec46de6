import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { WebhookSettings } from '../config/webhook-settings';
import { JobQueue } from '../jobs/job-queue.service';
import { WEBHOOK_DELIVERY_QUEUE } from '../jobs/queue-names';
import { WebhookDeliveryJob, WebhookDeliveryService } from './webhook-delivery.service';

/** Deliveries one process makes at once: each mostly waits on a receiver or a backoff. */
const DELIVERY_CONCURRENCY = 8;
/** Retries of a delivery whose worker died (its attempts so far are kept and counted). */
const JOB_RETRIES = 3;

/** How long a delivery may be active before it is taken as lost: every attempt timing out, every backoff waited. */
export function deliveryExpirySeconds({ maxAttempts, timeoutMs, retryDelayMs }: WebhookSettings): number {
  const backoffMs = retryDelayMs * (2 ** (maxAttempts - 1) - 1);
  return Math.ceil((maxAttempts * timeoutMs + backoffMs) / 1000) + 60;
}

/** Works WEBHOOK_DELIVERY_QUEUE in every process that runs jobs. */
@Injectable()
export class WebhookDeliveryWorker implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: JobQueue,
    private readonly delivery: WebhookDeliveryService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.queue.defineQueue(WEBHOOK_DELIVERY_QUEUE, { retryLimit: JOB_RETRIES, expireInSeconds: deliveryExpirySeconds(this.config.webhooks) });
    if (this.config.role === 'api') return;
    await this.queue.work<WebhookDeliveryJob>(WEBHOOK_DELIVERY_QUEUE, (job) => this.delivery.deliver(job.data), { concurrency: DELIVERY_CONCURRENCY });
  }
}

import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { WebhookSettings } from '../config/webhook-settings';
import { JobQueue } from '../jobs/job-queue.service';
import { WEBHOOK_DELIVERY_QUEUE } from '../jobs/queue-names';
import { WebhookDeliveryJob, WebhookDeliveryService } from './webhook-delivery.service';

/** Delivery attempts one process makes at once: each waits on a receiver, for at most WEBHOOK_TIMEOUT. */
const DELIVERY_CONCURRENCY = 8;
/** Retries of a delivery whose worker died (its attempts so far are kept and counted). */
const JOB_RETRIES = 3;

/** How long an attempt may be active before it is taken as lost: its receiver's timeout, and a margin. */
export function deliveryExpirySeconds({ timeoutMs }: WebhookSettings): number {
  return Math.ceil(timeoutMs / 1000) + 60;
}

/**
 * Works WEBHOOK_DELIVERY_QUEUE in every process that runs jobs: one attempt per job. A failed
 * attempt's retry is queued to start after its backoff, so a receiver that keeps failing holds
 * no worker while it waits (eight of them sleeping through backoffs held up every other
 * account's callbacks).
 */
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
    await this.queue.work<WebhookDeliveryJob>(WEBHOOK_DELIVERY_QUEUE, (job) => this.attempt(job.data), { concurrency: DELIVERY_CONCURRENCY });
  }

  private async attempt(job: WebhookDeliveryJob): Promise<void> {
    const retryInMs = await this.delivery.attemptNext(job);
    if (retryInMs !== null) await this.queue.send(WEBHOOK_DELIVERY_QUEUE, job, { startAfterSeconds: retryInMs / 1000 });
  }
}

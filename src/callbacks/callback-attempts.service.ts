import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CallbackSubject, WebhookAttempt } from '../schema/webhook-attempt.entity';
import { CallbackView, toCallbackView } from './callback-view';

/** Reads the attempts of a callback, for the views of executions and batches below the webhooks module. */
@Injectable()
export class CallbackAttempts {
  constructor(@InjectRepository(WebhookAttempt) private readonly attempts: Repository<WebhookAttempt>) {}

  /** `callback` of a view: undefined when no `callbackUrl` was given. */
  async view(kind: CallbackSubject, id: string, url: string | null | undefined): Promise<CallbackView | undefined> {
    if (!url) return undefined;
    return toCallbackView(url, await this.of(kind, id));
  }

  of(kind: CallbackSubject, id: string): Promise<WebhookAttempt[]> {
    return this.attempts.find({ where: { subjectKind: kind, subjectId: id }, order: { attempt: 'ASC' } });
  }
}

import { Injectable, Logger } from '@nestjs/common';
import type { CallbackSubject } from '../schema/webhook-attempt.entity';

/** What a callback is made of: whose it is, where it goes, and the JSON of the subject's GET. */
export interface CallbackContent {
  accountId: string;
  url: string;
  payload: unknown;
}

/**
 * The subject's view as a callback carries it: without its `callback` (the delivery's own state,
 * which says `delivered: false` while this very delivery is under way).
 */
export function callbackPayload<T extends { callback?: unknown }>(view: T): Omit<T, 'callback'> {
  const { callback: _deliveryState, ...payload } = view;
  return payload;
}

/** Finds an ended subject with a `callbackUrl`; null when it is gone or has none. */
export type CallbackLoader = (id: string) => Promise<CallbackContent | null>;

/**
 * Where the delivery finds executions and batches. The units below (runs, batches) cannot know
 * the webhooks module, so the webhooks module registers a loader per kind that reads their views.
 */
@Injectable()
export class CallbackSources {
  private readonly logger = new Logger(CallbackSources.name);
  private readonly loaders = new Map<CallbackSubject, CallbackLoader>();

  register(kind: CallbackSubject, loader: CallbackLoader): void {
    this.loaders.set(kind, loader);
  }

  async load(kind: CallbackSubject, id: string): Promise<CallbackContent | null> {
    const loader = this.loaders.get(kind);
    if (!loader) {
      this.logger.warn(`callback of ${kind} ${id} dropped: nothing loads ${kind} callbacks`);
      return null;
    }
    return loader(id);
  }
}

import type { CallbackSubject } from './webhook-attempt.entity';

/** What a callback is made of: whose it is, where it goes, and the JSON of the subject's GET. */
export interface CallbackContent {
  accountId: string;
  url: string;
  payload: unknown;
}

/**
 * Where the delivery finds an ended execution or batch with a `callbackUrl`; null when it is gone
 * or has none. The run and batch modules provide it: the webhooks module reads their views.
 */
export interface CallbackSource {
  load(kind: CallbackSubject, id: string): Promise<CallbackContent | null>;
}

export const CALLBACK_SOURCE = Symbol('CALLBACK_SOURCE');

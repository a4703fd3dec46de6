import { ApiProperty } from '@nestjs/swagger';
import { ApiDateTime, ApiInteger } from '../http/api-properties';
import type { WebhookAttempt } from '../schema/webhook-attempt.entity';

export class CallbackAttemptView {
  @ApiInteger({ minimum: 1 }) attempt: number;
  @ApiDateTime() at: string;
  @ApiInteger({ nullable: true, description: "The receiver's HTTP status; null when none came (see `error`)" }) statusCode: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the attempt failed: a timeout, a refused address, a connection error, a redirect' })
  error: string | null;
  @ApiProperty({ description: 'From the start of the attempt to the end of the answer read, in milliseconds' }) durationMs: number;
}

/** `callback` of an execution or batch that gave a `callbackUrl`. */
export class CallbackView {
  @ApiProperty({ format: 'uri' }) url: string;
  @ApiProperty({ description: 'Whether an attempt got a 2xx' }) delivered: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'The `webhook-id` header of every attempt; null before the first' }) webhookId: string | null;
  @ApiProperty({ type: [CallbackAttemptView], description: 'Every attempt so far, first first' }) attempts: CallbackAttemptView[];
}

export function toCallbackView(url: string, attempts: WebhookAttempt[]): CallbackView {
  return {
    url,
    delivered: attempts.some((attempt) => attempt.delivered),
    webhookId: attempts[0]?.webhookId ?? null,
    attempts: attempts.map((attempt) => ({
      attempt: attempt.attempt,
      at: attempt.attemptedAt.toISOString(),
      statusCode: attempt.statusCode,
      error: attempt.error,
      durationMs: attempt.durationMs,
    })),
  };
}

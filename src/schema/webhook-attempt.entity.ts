import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const CALLBACK_SUBJECTS = ['execution', 'batch'] as const;
export type CallbackSubject = (typeof CALLBACK_SUBJECTS)[number];

/** One POST of a callback to its URL: when, how long, and what came back (a status or an error). */
@Entity({ name: 'webhook_attempts' })
export class WebhookAttempt {
  /** A bigint: TypeORM reads it as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'subject_kind', type: 'text' })
  subjectKind: CallbackSubject;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  /** The `webhook-id` header: the same on every attempt of one delivery. */
  @Column({ name: 'webhook_id', type: 'text' })
  webhookId: string;

  @Column({ type: 'text' })
  url: string;

  /** 1 for the first attempt. */
  @Column({ type: 'integer' })
  attempt: number;

  @Column({ name: 'attempted_at', type: 'timestamptz' })
  attemptedAt: Date;

  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode: number | null;

  /** Why no 2xx came back when no status did, or what the status means (a redirect, not followed). */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'duration_ms', type: 'double precision' })
  durationMs: number;

  @Column({ type: 'boolean' })
  delivered: boolean;
}

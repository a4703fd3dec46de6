import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The secret an account's webhooks are signed with (Standard Webhooks `whsec_…`); one per account. */
@Entity({ name: 'webhook_secrets' })
export class WebhookSecret {
  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ type: 'text' })
  secret: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** The secret before the last rotation, still signing beside `secret` until `previousUntil`. */
  @Column({ name: 'previous_secret', type: 'text', nullable: true })
  previousSecret: string | null;

  @Column({ name: 'previous_until', type: 'timestamptz', nullable: true })
  previousUntil: Date | null;
}

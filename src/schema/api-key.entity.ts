import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from './account.entity';

/**
 * `execute`: run modules; `modules`: store and delete modules; `keys`: rotate and revoke the other
 * keys of its account (a key always may itself); `admin`: everything, on every account.
 */
export const KEY_SCOPES = ['execute', 'modules', 'keys', 'admin'] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];
export type KeyStatus = 'active' | 'revoked';

/** An API key; only its HMAC is kept, never the key itself. */
@Entity({ name: 'api_keys' })
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Account;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  /** The first characters of the key, to tell keys apart in lists. */
  @Column({ type: 'text' })
  prefix: string;

  /** HMAC-SHA256(API_SALT, key), hex. */
  @Index({ unique: true })
  @Column({ name: 'key_hash', type: 'text' })
  keyHash: string;

  @Column({ type: 'text', array: true })
  scopes: KeyScope[];

  @Column({ type: 'text', default: 'active' })
  status: KeyStatus;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  /** Set on rotation: the key that replaced this one. */
  @Column({ name: 'replaced_by', type: 'uuid', nullable: true })
  replacedBy: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

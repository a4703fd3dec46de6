import { CursorPage } from '../http/pagination';
import { ApiProperty } from '@nestjs/swagger';
import { ApiDateTime } from '../http/api-properties';
import { type ApiKey, KEY_SCOPES, type KeyScope } from '../schema/api-key.entity';

const SCOPES = { enum: KEY_SCOPES, enumName: 'KeyScope', isArray: true } as const;
const KEY_STATES = ['active', 'revoked', 'expired'] as const;

export class KeyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ description: 'The first characters of the key, to tell keys apart', example: 'ww_live_3kT9' }) prefix: string;
  @ApiProperty(SCOPES) scopes: KeyScope[];
  @ApiProperty({ enum: KEY_STATES }) status: (typeof KEY_STATES)[number];
  @ApiDateTime({ nullable: true }) expiresAt: Date | null;
  @ApiDateTime({ nullable: true, description: 'Recorded in batches: a minute late at most' }) lastUsedAt: Date | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Set on rotation: the key that replaced this one' })
  replacedBy: string | null;
  @ApiDateTime() createdAt: Date;
}

export class KeyPage extends CursorPage(KeyView) {}

/** The one answer that carries the key itself: at creation or rotation, never again. */
export class IssuedKey {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The key: shown this once, only its HMAC is kept', example: 'ww_live_3kT9…' }) key: string;
  @ApiProperty() prefix: string;
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiProperty(SCOPES) scopes: KeyScope[];
  @ApiDateTime({ nullable: true }) expiresAt: Date | null;
  @ApiDateTime() createdAt: Date;
}

export function isExpired(key: ApiKey, now = Date.now()): boolean {
  return key.expiresAt !== null && key.expiresAt.getTime() <= now;
}

export function toKeyView(key: ApiKey): KeyView {
  return {
    id: key.id,
    accountId: key.accountId,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    status: key.status === 'revoked' ? 'revoked' : isExpired(key) ? 'expired' : 'active',
    expiresAt: key.expiresAt,
    lastUsedAt: key.lastUsedAt,
    replacedBy: key.replacedBy,
    createdAt: key.createdAt,
  };
}

export function toIssuedKey(key: ApiKey, secret: string): IssuedKey {
  return {
    id: key.id,
    key: secret,
    prefix: key.prefix,
    accountId: key.accountId,
    scopes: key.scopes,
    expiresAt: key.expiresAt,
    createdAt: key.createdAt,
  };
}

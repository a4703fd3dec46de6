import type { ApiKey, KeyScope } from './api-key.entity';

export interface KeyView {
  id: string;
  accountId: string;
  name: string | null;
  prefix: string;
  scopes: KeyScope[];
  status: 'active' | 'revoked' | 'expired';
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  replacedBy: string | null;
  createdAt: Date;
}

/** The one answer that carries the key itself: at creation or rotation, never again. */
export interface IssuedKey {
  id: string;
  key: string;
  prefix: string;
  accountId: string;
  scopes: KeyScope[];
  expiresAt: Date | null;
  createdAt: Date;
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

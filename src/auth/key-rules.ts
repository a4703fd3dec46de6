import { notFound } from '../http/problem';
import { assertCurrentCaller, missingScope } from '../access/access-problems';
import { keyRetired, scopeNotHeld } from './access-problems';
import type { ApiKey } from '../schema/api-key.entity';
import { isExpired } from './key-views';
import { hasScope, isAdmin, Principal } from '../access/principal';

/** Why a key is no longer current; a replaced key may still work until its grace period ends. */
export const RETIREMENTS = ['revoked', 'expired', 'replaced'] as const;
export type Retirement = (typeof RETIREMENTS)[number];

/** Replaced first: a key rotated with no grace is revoked too, and its successor is what to act on. */
export function retirementOf(key: ApiKey, now = Date.now()): Retirement | null {
  if (key.replacedBy) return 'replaced';
  if (key.status === 'revoked') return 'revoked';
  if (isExpired(key, now)) return 'expired';
  return null;
}

/**
 * Who may rotate or revoke `key`: an admin, any key; a key, itself; and the other keys of its
 * account with the `keys` scope, but only those holding no scope it lacks, so that acting on a
 * key never hands its rights to the caller. A key of another account does not exist for the caller.
 */
export function assertMayManage(principal: Principal, key: ApiKey): void {
  if (principal.kind === 'admin-token' || principal.key.id === key.id) return;
  assertCurrentCaller(principal);
  if (isAdmin(principal)) return;
  if (key.accountId !== principal.account.id) throw notFound('Key', key.id);
  if (!hasScope(principal, 'keys')) throw missingScope('keys');
  const missing = key.scopes.filter((scope) => !hasScope(principal, scope));
  if (missing.length > 0) throw scopeNotHeld(key, missing);
}

/** Only a current key is rotated: rotating a retired one would bring it back, or fork its line of successors. */
export function assertRotatable(key: ApiKey): void {
  const retired = retirementOf(key);
  if (retired) throw keyRetired(key, retired, retired === 'replaced' ? `rotate key ${key.replacedBy} instead` : 'it cannot be rotated');
}

/** A retired key's end may come sooner, never later: moving it would undo the expiry or the rotation. */
export function assertExpiryChange(key: ApiKey, expiresAt: Date | null): void {
  const retired = retirementOf(key);
  if (retired === null || retired === 'revoked' || key.expiresAt === null) return;
  if (expiresAt === null || expiresAt > key.expiresAt) {
    throw keyRetired(key, retired, `its expiry can be brought forward from ${key.expiresAt.toISOString()}, not moved later or removed`);
  }
}

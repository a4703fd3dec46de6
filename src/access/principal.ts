import type { Account } from '../schema/account.entity';
import type { ExecutionLimits } from '../common/limits';
import type { Tier } from '../schema/tier.entity';
import type { ApiKey, KeyScope } from '../schema/api-key.entity';

/** Who is calling. An admin token has no account; a key always has one. */
export type Principal =
  | { kind: 'admin-token' }
  | {
      kind: 'key';
      key: ApiKey;
      account: Account;
      tier: Tier;
      /** The tier's limits clamped by the server-wide ceilings. */
      limits: ExecutionLimits;
    };

export type KeyPrincipal = Extract<Principal, { kind: 'key' }>;

export function isAdmin(principal: Principal): boolean {
  return principal.kind === 'admin-token' || principal.key.scopes.includes('admin');
}

export function hasScope(principal: Principal, scope: KeyScope): boolean {
  return principal.kind === 'admin-token' || principal.key.scopes.includes(scope) || principal.key.scopes.includes('admin');
}

/** How the audit log names the actor. */
export function actorOf(principal: Principal): string {
  return principal.kind === 'admin-token' ? 'admin-token' : `key:${principal.key.id}`;
}

import { problem, ProblemException } from '../http/problem';
import type { ApiKey, KeyScope } from '../schema/api-key.entity';
import type { Retirement } from './key-rules';

/** Acting on a key would hand its rights to a caller that does not hold them. */
export function scopeNotHeld(key: ApiKey, missingScopes: KeyScope[]): ProblemException {
  const listed = missingScopes.map((scope) => `\`${scope}\``).join(', ');
  return problem(
    'scope_not_held',
    `Key ${key.id} has the scopes ${listed} that the calling key lacks: a key cannot rotate or revoke a key with rights it does not have`,
    { missingScopes },
  );
}

const RETIRED_BECAUSE: Record<Retirement, (key: ApiKey) => string> = {
  revoked: () => 'was revoked',
  expired: () => 'has expired',
  replaced: (key) => `was replaced by key ${key.replacedBy}`,
};

/** A revoked, expired or replaced key asked to do what only a current key may (`refused` says what). */
export function keyRetired(key: ApiKey, state: Retirement, refused: string): ProblemException {
  return problem(
    'key_retired',
    `Key ${key.id} ${RETIRED_BECAUSE[state](key)}: ${refused}`,
    { keyState: state, ...(state === 'replaced' ? { replacedBy: key.replacedBy } : {}) },
  );
}

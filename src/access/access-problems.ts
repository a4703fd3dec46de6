import type { KeyScope } from '../schema/api-key.entity';
import { problem, ProblemException } from '../http/problem';
import type { Principal } from './principal';

/**
 * A key replaced by a rotation works out its grace for runs and modules only: managing keys, the
 * webhook secret or (an admin key) the service is its successor's. Otherwise whoever held a
 * leaked key could rotate or revoke the key that replaced it, and so keep the account. (A key
 * revoked or expired does not authenticate at all.)
 */
export function assertCurrentCaller(principal: Principal): void {
  if (principal.kind !== 'key' || !principal.key.replacedBy) return;
  const { id, replacedBy } = principal.key;
  throw problem('key_retired', `Key ${id} was replaced by key ${replacedBy}: until its grace ends it still runs and stores modules, but manages no key, webhook secret or account: use key ${replacedBy}`, {
    keyState: 'replaced',
    replacedBy,
  });
}

/** The route, or the act on another key, needs a scope the caller does not hold. */
export function missingScope(scope: KeyScope): ProblemException {
  return problem(
    'forbidden',
    scope === 'admin' ? 'This route is for administrators' : `This needs a key with the \`${scope}\` scope`,
    { requiredScope: scope },
  );
}

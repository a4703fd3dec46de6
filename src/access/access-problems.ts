import type { KeyScope } from '../schema/api-key.entity';
import { problem, ProblemException } from '../http/problem';

/** The route, or the act on another key, needs a scope the caller does not hold. */
export function missingScope(scope: KeyScope): ProblemException {
  return problem(
    'forbidden',
    scope === 'admin' ? 'This route is for administrators' : `This needs a key with the \`${scope}\` scope`,
    { requiredScope: scope },
  );
}

import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { problem } from '../http/problem';
import { addProblems, ApiProblems } from '../http/api-problems';
import type { KeyScope } from '../schema/api-key.entity';
import type { KeyPrincipal, Principal } from './principal';

export const PUBLIC_ROUTE = 'wasmwiz:public';
export const REQUIRED_SCOPE = 'wasmwiz:scope';

/** No key needed. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The scopes of routes that manage (keys, the webhook secret, the service): a key replaced by a rotation may not call them in its grace. */
export const MANAGING_SCOPES: readonly KeyScope[] = ['keys', 'admin'];

/** The key needs this scope (`admin` implies every scope). */
export const RequireScope = (scope: KeyScope) =>
  applyDecorators(SetMetadata(REQUIRED_SCOPE, scope), ApiProblems('forbidden', ...(MANAGING_SCOPES.includes(scope) ? (['key_retired'] as const) : [])));

export const CURRENT_KEY_ONLY = 'wasmwiz:current-key-only';

/** Refused to a key replaced by a rotation, in its grace, as the managing routes are (it reads a credential of the account). */
export const CurrentKeyOnly = () => applyDecorators(SetMetadata(CURRENT_KEY_ONLY, true), ApiProblems('key_retired'));

/** The admin token or a key with the `admin` scope. */
export const AdminOnly = () => RequireScope('admin');

export interface AuthenticatedRequest {
  principal?: Principal;
}

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest<AuthenticatedRequest>().principal!,
);

const currentKey = createParamDecorator((_data: unknown, context: ExecutionContext): KeyPrincipal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal!;
  if (principal.kind !== 'key') {
    throw problem(
      'key_required',
      'This route acts on the calling key and its account; the admin token has neither',
    );
  }
  return principal;
});

/** For routes only a key can call (they act on the key's own account). */
export function CurrentKey(): ParameterDecorator {
  return (target, key, index) => {
    currentKey()(target, key, index);
    addProblems((target as Record<string | symbol, object>)[key!], ['key_required']);
  };
}

import { createParamDecorator, ExecutionContext, HttpStatus, SetMetadata } from '@nestjs/common';
import { ProblemException } from '../http/problem';
import type { KeyScope } from './api-key.entity';
import type { KeyPrincipal, Principal } from './principal';

export const PUBLIC_ROUTE = 'wasmwiz:public';
export const REQUIRED_SCOPE = 'wasmwiz:scope';

/** No key needed. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The key needs this scope (`admin` implies every scope). */
export const RequireScope = (scope: KeyScope) => SetMetadata(REQUIRED_SCOPE, scope);

/** The admin token or a key with the `admin` scope. */
export const AdminOnly = () => RequireScope('admin');

export interface AuthenticatedRequest {
  principal?: Principal;
}

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest<AuthenticatedRequest>().principal!,
);

/** For routes only a key can call (they act on the key's own account). */
export const CurrentKey = createParamDecorator((_data: unknown, context: ExecutionContext): KeyPrincipal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal!;
  if (principal.kind !== 'key') {
    throw new ProblemException(
      HttpStatus.FORBIDDEN,
      'key_required',
      'API key required',
      'This route acts on the calling key and its account; the admin token has neither',
    );
  }
  return principal;
});

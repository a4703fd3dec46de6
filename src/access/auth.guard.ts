import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { problem, ProblemException } from '../http/problem';
import type { KeyScope } from '../schema/api-key.entity';
import { assertCurrentCaller, missingScope } from './access-problems';
import { AuthenticatedRequest, CURRENT_KEY_ONLY, MANAGING_SCOPES, PUBLIC_ROUTE, REQUIRED_SCOPE } from './auth.decorators';
import { hasScope, Principal } from './principal';

/** `Authorization: Bearer <key>` or `X-API-Key: <key>`; both, naming different ones, is 400 (which one was meant?). */
export function credentialOf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  const apiKey = Array.isArray(header) ? header[0] : header;
  const authorization = request.headers.authorization;
  if (!authorization) return apiKey;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const bearer = match ? match[1] : authorization.trim();
  if (apiKey !== undefined && apiKey.trim() !== bearer) {
    throw problem('conflicting_credentials', 'Authorization and X-API-Key name different credentials: send one of them');
  }
  return bearer;
}

/** Turns a credential into its principal, or throws 401 (the auth module provides it). */
export abstract class Authenticator {
  /** `knownKeysOnly`: look up no key that is not already known (the address is over its failure budget). */
  abstract authenticate(credential: string | undefined, options: { knownKeysOnly: boolean }): Promise<Principal>;
}

/** The per-address budget of failed authentications (the quotas module provides it). */
export abstract class FailedAuthBudget {
  /** The 429 a failure from `address` gets while it is over its budget, or null. */
  abstract blocked(address: string): ProblemException | null;
  /** Counts a failure from `address`; throws the 429 once it is over its budget. */
  abstract fail(address: string): Promise<void>;
}

/**
 * Sets `request.principal` from its credential, or throws 401. Missing or wrong credentials are
 * counted per client address. Past its budget an address's failures are refused with 429, and
 * its guessed keys are not even looked up; a valid key or the admin token still gets through, so
 * one client's failures lock no one else out.
 */
export async function authenticateRequest(request: FastifyRequest & AuthenticatedRequest, auth: Authenticator, failures: FailedAuthBudget): Promise<Principal> {
  const blocked = failures.blocked(request.ip);
  const principal = await auth.authenticate(credentialOf(request), { knownKeysOnly: blocked !== null }).catch(async (error: unknown) => {
    if (!(error instanceof ProblemException) || error.getStatus() !== HttpStatus.UNAUTHORIZED) throw error;
    if (blocked) throw blocked;
    await failures.fail(request.ip);
    throw error;
  });
  request.principal = principal;
  return principal;
}

/** Every route needs a credential unless marked @Public(); routes may also require a scope. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: Authenticator,
    private readonly failures: FailedAuthBudget,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    // A request with a large body was authenticated before it was read (authenticateBeforeLargeBodies).
    const principal = request.principal ?? (await authenticateRequest(request, this.auth, this.failures));
    const scope = this.reflector.getAllAndOverride<KeyScope | undefined>(REQUIRED_SCOPE, targets);
    if (scope && !hasScope(principal, scope)) throw missingScope(scope);
    if ((scope && MANAGING_SCOPES.includes(scope)) || this.reflector.getAllAndOverride<boolean>(CURRENT_KEY_ONLY, targets)) assertCurrentCaller(principal);
    return true;
  }
}

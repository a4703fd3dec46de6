import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from '../http/problem';
import { QuotaService } from '../quotas/quota.service';
import { missingScope } from './access-problems';
import type { KeyScope } from './api-key.entity';
import { AuthenticatedRequest, PUBLIC_ROUTE, REQUIRED_SCOPE } from './auth.decorators';
import { AuthService } from './auth.service';
import { hasScope } from './principal';

/** `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function credentialOf(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match ? match[1] : authorization.trim();
  }
  const header = request.headers['x-api-key'];
  return Array.isArray(header) ? header[0] : header;
}

/** Every route needs a credential unless marked @Public(); routes may also require a scope. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly quotas: QuotaService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    // Missing or wrong credentials are counted per client address. Past its budget an address's
    // failures are refused with 429, and its guessed keys are not even looked up; a valid key or
    // the admin token still gets through, so one client's failures lock no one else out.
    const blocked = this.quotas.authBlock(request.ip);
    const principal = await this.auth.authenticate(credentialOf(request), { knownKeysOnly: blocked !== null }).catch(async (error: unknown) => {
      if (!(error instanceof ProblemException) || error.getStatus() !== HttpStatus.UNAUTHORIZED) throw error;
      if (blocked) throw blocked;
      await this.quotas.authFailure(request.ip);
      throw error;
    });
    request.principal = principal;
    const scope = this.reflector.getAllAndOverride<KeyScope | undefined>(REQUIRED_SCOPE, targets);
    if (scope && !hasScope(principal, scope)) throw missingScope(scope);
    return true;
  }
}

import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { rateLimitHeaders } from './quota-policy';
import { QuotaService } from './quota.service';
import { rateLimited } from './rate-limited.error';

/**
 * On execution routes, after the auth guard: takes one execution from the account's windows (one
 * Redis round trip), sets the rate-limit headers, refuses with 429 when a window is used up, and
 * gives the concurrency slot back once the response is finished or the client went away.
 */
@Injectable()
export class QuotaGuard implements CanActivate {
  constructor(private readonly quotas: QuotaService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const principal = http.getRequest<AuthenticatedRequest>().principal;
    if (principal?.kind !== 'key') return true;
    const reply = http.getResponse<FastifyReply>();
    const ticket = await this.quotas.take(principal);
    if (!ticket.decision.allowed) throw rateLimited(ticket.decision);
    reply.headers(rateLimitHeaders(ticket.decision));
    reply.raw.once('close', ticket.release);
    return true;
  }
}

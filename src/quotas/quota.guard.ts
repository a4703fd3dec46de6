import { applyDecorators, CanActivate, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../access/auth.decorators';
import { rateLimitHeaders } from './quota-policy';
import { QuotaService, QuotaTicket } from './quota.service';
import { rateLimited } from './rate-limited.error';

const TICKET = Symbol('wasmwiz:quota-ticket');

interface TicketedRequest extends AuthenticatedRequest {
  [TICKET]?: QuotaTicket;
}

/**
 * On execution routes, after the global auth guard: takes one execution from the account's
 * windows and a concurrency lease (one Redis round trip), sets the rate-limit headers, and refuses
 * with 429 when a window is used up. The lease is held until the answer is sent (see
 * `releaseQuotaLeasesOnAnswer`).
 */
@Injectable()
export class QuotaGuard implements CanActivate {
  constructor(private readonly quotas: QuotaService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<TicketedRequest>();
    const principal = request.principal;
    if (principal?.kind !== 'key') return true;
    const ticket = await this.quotas.take(principal);
    if (!ticket.decision.allowed) throw rateLimited(ticket.decision);
    http.getResponse<FastifyReply>().headers(rateLimitHeaders(ticket.decision));
    request[TICKET] = ticket;
    return true;
  }
}

/**
 * Gives a request's concurrency lease back as its answer is sent, whether the handler returned or
 * threw. A client that hangs up does not stop its execution, and the answer is still sent (to a
 * closed connection) only when the handler is done: hanging up cannot buy more concurrency.
 * A hook rather than a Nest interceptor: the interceptor chain (rxjs, async-context binding per
 * request) cost a large share of the service's CPU per execution (README, Performance).
 */
export function releaseQuotaLeasesOnAnswer(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, _reply, payload, done) => {
    releaseQuotaLease(request);
    done(null, payload);
  });
}

/** Gives back the concurrency lease the guard took for `request`, if it took one (once). */
export function releaseQuotaLease(request: object): void {
  (request as TicketedRequest)[TICKET]?.release();
}

/** The quota of the calling key's account applies to this route (or every route of a controller). */
export const QuotaLimited = () => applyDecorators(UseGuards(QuotaGuard));

import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../access/auth.decorators';
import type { KeyPrincipal } from '../access/principal';
import { rateLimitHeaders } from './quota-policy';
import { QuotaService, QuotaTicket } from './quota.service';
import { rateLimited } from './rate-limited.error';

const TICKET = Symbol('wasmwiz:quota-ticket');
const EXECUTIONS_OF = 'wasmwiz:quota-executions';

/**
 * How many executions a request takes from the day (one unless a route says otherwise). Runs
 * after the body is parsed and before it is validated; it may refuse the request (then nothing
 * is taken).
 */
export type ExecutionsOf = (body: unknown, principal: KeyPrincipal) => number;

interface TicketedRequest extends AuthenticatedRequest {
  body?: unknown;
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
  constructor(
    private readonly quotas: QuotaService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<TicketedRequest>();
    const principal = request.principal;
    if (principal?.kind !== 'key') return true;
    const executionsOf = this.reflector.getAllAndOverride<ExecutionsOf | undefined>(EXECUTIONS_OF, [context.getHandler(), context.getClass()]);
    const executions = executionsOf ? executionsOf(request.body, principal) : 1;
    const ticket = await this.quotas.take(principal, executions);
    if (!ticket.decision.allowed) throw rateLimited(ticket.decision, executions);
    http.getResponse<FastifyReply>().headers(rateLimitHeaders(ticket.decision));
    request[TICKET] = ticket;
    return true;
  }
}

/**
 * Gives a request's concurrency lease back as its answer is sent, whether the handler returned or
 * threw; a 4xx answer on an execution route is a refusal before anything ran (an invalid body,
 * an unknown module, input over a limit), so its executions go back to the day as well, and the
 * rate-limit headers say so. The request still counts against the minute. A client that hangs
 * up does not stop its execution, and the answer is still sent (to a closed connection) only
 * when the handler is done: hanging up cannot buy more concurrency.
 * A hook rather than a Nest interceptor: the interceptor chain (rxjs, async-context binding per
 * request) cost a large share of the service's CPU per execution (README, Performance).
 */
export function releaseQuotaLeasesOnAnswer(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const ticket = (request as TicketedRequest)[TICKET];
    if (ticket && reply.statusCode >= 400 && reply.statusCode < 500) reply.headers(rateLimitHeaders(ticket.refund()));
    ticket?.release();
    done(null, payload);
  });
}

/** Gives back the concurrency lease the guard took for `request`, if it took one (once). */
export function releaseQuotaLease(request: object): void {
  (request as TicketedRequest)[TICKET]?.release();
}

/** The quota of the calling key's account applies to this route (or every route of a controller). */
export const QuotaLimited = (executionsOf?: ExecutionsOf) => applyDecorators(SetMetadata(EXECUTIONS_OF, executionsOf), UseGuards(QuotaGuard));

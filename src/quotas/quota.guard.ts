import {
  applyDecorators,
  CallHandler,
  CanActivate,
  ExecutionContext,
  HttpStatus,
  Injectable,
  NestInterceptor,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { finalize, Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { ProblemException } from '../http/problem';
import { rateLimitHeaders } from './quota-policy';
import { QuotaService, QuotaTicket } from './quota.service';
import { rateLimited } from './rate-limited.error';

const TICKET = Symbol('wasmwiz:quota-ticket');

interface TicketedRequest extends AuthenticatedRequest {
  [TICKET]?: QuotaTicket;
}

/**
 * On execution routes, after the global auth guard: takes one execution from the account's
 * windows (one Redis round trip), sets the rate-limit headers, and refuses with 429 when a window
 * is used up. Use it through `@QuotaLimited()`, which also holds the concurrency lease for as
 * long as the handler runs; on its own, the guard gives the lease back when the response closes.
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
    const reply = http.getResponse<FastifyReply>();
    reply.headers(rateLimitHeaders(ticket.decision));
    request[TICKET] = ticket;
    reply.raw.once('close', () => ticket.responseClosed());
    return true;
  }
}

/**
 * Holds the guard's concurrency lease while the handler runs, and gives it back when the handler
 * is done, returned or thrown. A client that disconnects does not stop its execution, so its
 * lease is kept until the execution ends: hanging up cannot buy more concurrency.
 */
@Injectable()
export class QuotaLeaseInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const ticket = context.switchToHttp().getRequest<TicketedRequest>()[TICKET];
    if (!ticket) return next.handle();
    if (!ticket.begin()) {
      // The client went away between the guard and here, and the lease went back with it.
      throw new ProblemException(499 as HttpStatus, 'client_closed_request', 'Client closed request', 'The client closed the connection');
    }
    return next.handle().pipe(finalize(() => ticket.finish()));
  }
}

/** The quota of the calling key's account applies to this route (or every route of a controller). */
export const QuotaLimited = () => applyDecorators(UseGuards(QuotaGuard), UseInterceptors(QuotaLeaseInterceptor));

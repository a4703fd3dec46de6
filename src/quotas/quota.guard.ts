import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../access/auth.decorators';
import type { KeyPrincipal } from '../access/principal';
import { rateLimitHeaders } from './quota-policy';
import { ConcurrencyLease, QuotaService, QuotaTicket } from './quota.service';
import { rateLimited } from './rate-limited.error';
import { CONCURRENCY_RETRY_MS } from './gcra';

const TICKET = Symbol('wasmwiz:quota-ticket');
const QUOTA_RULES = 'wasmwiz:quota-rules';

/**
 * How many executions a request takes from the day (one unless a route says otherwise). Runs
 * after the body is parsed and before it is validated; it may refuse the request (then nothing
 * is taken).
 */
export type ExecutionsOf = (body: unknown, principal: KeyPrincipal) => number;

/** How a @QuotaLimited route is decided. */
export interface QuotaRules {
  executionsOf?: ExecutionsOf;
  /**
   * The route may queue its run (`wait: false`), which needs no concurrency slot: a request
   * refused only for want of one goes on, and the route settles it with `runSlotOf` once it
   * knows whether its run waits (429 then) or is queued (the minute and day taken then).
   */
  queueable?: boolean;
}

/** What a run route settles once it knows whether its run is answered now or queued. */
export interface RunSlot {
  /**
   * `queued` false, the run is answered now: it needs the slot the decision took (renewed if the
   * body took long); 429 (concurrency) if it found none, or lost it. `queued` true: the request's
   * slot is given back at once (its executor takes one), or the minute and day are taken without one.
   */
  settle(queued: boolean): void | Promise<void>;
  /** Once settled for a run answered now, the slot it holds (a batch's first lane runs in it). */
  held(): ConcurrencyLease | null;
}

/** A request no quota decision covers (an admin's): nothing to settle. */
export const NO_SLOT: RunSlot = { settle: () => undefined, held: () => null };

interface TicketedRequest extends AuthenticatedRequest {
  body?: unknown;
  [TICKET]?: QuotaTicket;
}

/**
 * On execution routes, after the global auth guard: takes one execution from the account's
 * windows and a concurrency lease (one Redis round trip), sets the rate-limit headers, and refuses
 * with 429 when a window is used up (on a `queueable` route, a refusal for want of a slot alone
 * waits for the route's `runSlotOf`). The lease is held until the answer is sent (see
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
    const rules = this.reflector.getAllAndOverride<QuotaRules | undefined>(QUOTA_RULES, [context.getHandler(), context.getClass()]) ?? {};
    const executions = rules.executionsOf ? rules.executionsOf(request.body, principal) : 1;
    const ticket = await this.quotas.take(principal, executions);
    if (!ticket.decision.allowed && !(rules.queueable && ticket.decision.slotOnly)) throw rateLimited(ticket.decision, executions);
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

/**
 * The run slot of a request the guard decided: a `queueable` route calls one of its methods
 * before it runs or queues anything.
 */
export function runSlotOf(request: object, reply: FastifyReply): RunSlot {
  const ticketed = request as TicketedRequest;
  return ticketed[TICKET] ? new RequestRunSlot(ticketed, reply) : NO_SLOT;
}

/** The slot of a request with a ticket: one object per request, its methods shared. */
class RequestRunSlot implements RunSlot {
  constructor(
    private readonly request: TicketedRequest,
    private readonly reply: FastifyReply,
  ) {}

  settle(queued: boolean): void | Promise<void> {
    return queued ? this.forQueue() : this.forRun();
  }

  held(): ConcurrencyLease | null {
    return this.request[TICKET]?.lease ?? null;
  }

  private forRun(): void | Promise<void> {
    const ticket = this.request[TICKET]!;
    if (!ticket.decision.allowed) throw rateLimited(ticket.decision, ticket.executions);
    if (!ticket.lease?.outlived()) return;
    return ticket.lease.renew().then((kept) => {
      if (!kept) throw rateLimited({ ...ticket.decision, allowed: false, denied: 'concurrency', retryAfterMs: CONCURRENCY_RETRY_MS }, ticket.executions);
    });
  }

  private async forQueue(): Promise<void> {
    const ticket = this.request[TICKET]!;
    if (ticket.decision.allowed) return ticket.releaseNow();
    const taken = await ticket.withoutSlot(this.request.principal as KeyPrincipal);
    if (!taken.decision.allowed) throw rateLimited(taken.decision, taken.executions);
    this.request[TICKET] = taken;
    this.reply.headers(rateLimitHeaders(taken.decision));
  }
}

/** The quota of the calling key's account applies to this route (or every route of a controller). */
export const QuotaLimited = (rules: QuotaRules = {}) => applyDecorators(SetMetadata(QUOTA_RULES, rules), UseGuards(QuotaGuard));

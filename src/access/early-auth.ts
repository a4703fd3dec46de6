import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from './auth.decorators';
import { authenticateRequest, Authenticator, FailedAuthBudget } from './auth.guard';

/** Bodies up to this are read before the credential is checked, as every body was. */
export const EARLY_AUTH_BODY_BYTES = 64 * 1024;

/**
 * A request whose body is larger than EARLY_AUTH_BODY_BYTES (or of unknown length) is
 * authenticated before its body is read: unauthenticated, 100 connections sending 15 MiB JSON
 * bodies each held 1.7 GB. No public route takes a body, so nothing @Public() is refused by it;
 * and a GET or HEAD, whose body Fastify never reads, is left to the route (a health probe sent
 * chunked was a 401, and counted as a failed authentication of its address).
 */
export function authenticateBeforeLargeBodies(fastify: FastifyInstance, auth: Authenticator, failures: FailedAuthBudget): void {
  // A callback hook: most requests have a small body, and pass without a promise made for them.
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    if (!hasLargeBody(request)) return done(null, payload);
    authenticateRequest(request as FastifyRequest & AuthenticatedRequest, auth, failures).then(
      () => done(null, payload),
      (error: Error) => done(error),
    );
  });
}

/** The methods Fastify reads no body for (its `bodyless` set). */
const BODYLESS = new Set(['GET', 'HEAD', 'TRACE']);

function hasLargeBody(request: FastifyRequest): boolean {
  if (BODYLESS.has(request.method)) return false;
  const length = request.headers['content-length'];
  return length === undefined ? request.headers['transfer-encoding'] !== undefined : Number(length) > EARLY_AUTH_BODY_BYTES;
}

import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

const DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
};

/** The service's helmet options; style-src varies (Swagger UI's pages need inline styles). */
export const securityPolicy = (styleSrc: string[]): HelmetOptions => ({ contentSecurityPolicy: { directives: { ...DIRECTIVES, styleSrc } } });

/**
 * The headers helmet sets for `options`, read once by running its middleware against a response
 * that records them. With static directives (no per-request nonce) they are the same on every
 * answer; helmet sets each with `setHeader`, which validates it again on every request and sends
 * the answer down Node's slower header path (7 % of the main thread per execution in the bench).
 */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => (failure = error));
  if (failure) throw failure;
  return headers;
}

/** Helmet's headers on every answer. Scripts are 'self' everywhere; Swagger UI's pages alone may use inline styles. */
export function registerSecurityHeaders(fastify: FastifyInstance): void {
  const strict = helmetHeaders(securityPolicy(["'self'"]));
  const docs = helmetHeaders(securityPolicy(["'self'", "'unsafe-inline'"]));
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.url.startsWith('/docs') ? docs : strict);
    done();
  });
}

import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

const DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
};

const policy = (styleSrc: string[]): HelmetOptions => ({ contentSecurityPolicy: { directives: { ...DIRECTIVES, styleSrc } } });

/**
 * Helmet's headers on every answer, from middleware built once at start. (@fastify/helmet builds
 * a new helmet middleware, CSP parsing included, for every request: 4–5 % of the main thread under
 * load in the bench.) Scripts are 'self' everywhere; Swagger UI's pages alone may use inline styles.
 */
export function registerSecurityHeaders(fastify: FastifyInstance): void {
  const strict = helmet(policy(["'self'"]));
  const docs = helmet(policy(["'self'", "'unsafe-inline'"]));
  fastify.addHook('onRequest', (request, reply, done) => {
    const headers = request.url.startsWith('/docs') ? docs : strict;
    headers(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
}

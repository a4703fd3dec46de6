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

/**
 * The service's helmet options; style-src varies (Swagger UI's pages need inline styles).
 * `upgrade-insecure-requests` (on in helmet's defaults) only for a request that came over HTTPS:
 * answering plain HTTP, it made a browser fetch the page's CSS and JS over an HTTPS the address
 * does not serve (a LAN address, docker compose from another machine), so the page came bare.
 * Strict-Transport-Security likewise only over HTTPS (a browser ignores it over plain HTTP), and
 * X-Frame-Options DENY, as the CSP's frame-ancestors 'none' says (helmet's default SAMEORIGIN
 * disagreed with it).
 */
export const securityPolicy = (styleSrc: string[], https: boolean): HelmetOptions => ({
  contentSecurityPolicy: { directives: { ...DIRECTIVES, styleSrc, upgradeInsecureRequests: https ? [] : null } },
  strictTransportSecurity: https,
  xFrameOptions: { action: 'deny' },
});

/**
 * The headers helmet sets for `options`, read once by running its middleware against a response
 * that records them. With static directives (no per-request nonce) they are the same on every
 * answer; helmet sets each with `setHeader`, which validates it again on every request and sends
 * the answer down Node's slower header path, a visible share of the main thread per execution.
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

/** The headers of the strict pages and of Swagger UI's, for requests over plain HTTP or over HTTPS. */
function headerSet(https: boolean) {
  return {
    strict: helmetHeaders(securityPolicy(["'self'"], https)),
    docs: helmetHeaders(securityPolicy(["'self'", "'unsafe-inline'"], https)),
  };
}

/**
 * Helmet's headers on every answer. Scripts are 'self' everywhere; Swagger UI's pages alone may
 * use inline styles. A request came over HTTPS when its socket is TLS, or when a proxy trusted
 * under TRUST_PROXY says so in X-Forwarded-Proto (Fastify's `request.protocol`).
 */
export function registerSecurityHeaders(fastify: FastifyInstance): void {
  const plain = headerSet(false);
  const https = headerSet(true);
  fastify.addHook('onRequest', (request, reply, done) => {
    const set = request.protocol === 'https' ? https : plain;
    reply.headers(request.url.startsWith('/docs') ? set.docs : set.strict);
    done();
  });
}

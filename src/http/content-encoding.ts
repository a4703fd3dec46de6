import type { FastifyInstance } from 'fastify';
import { problem } from './problem';
import { hasBody } from './request-body';

/**
 * Bodies are read as sent: one with a `Content-Encoding` (gzip, br, deflate) would be taken for
 * its compressed bytes (a module, stdin) or refused as malformed JSON. It is refused for what it
 * is, 415 naming the encoding (RFC 9110 §15.5.16), before a byte of it is read.
 */
export function refuseEncodedBodies(fastify: FastifyInstance): void {
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    const encoding = request.headers['content-encoding'];
    if (encoding === undefined || encoding.trim().toLowerCase() === 'identity' || !hasBody(request.headers)) return done(null, payload);
    done(problem('unsupported_content_encoding', `The body is sent with Content-Encoding: ${encoding}; bodies are read as sent: send it unencoded (or identity)`, { encoding }));
  });
}

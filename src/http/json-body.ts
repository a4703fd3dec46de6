import type { FastifyInstance } from 'fastify';
import { isUtf8 } from 'node:buffer';
import { problem } from './problem';

/**
 * JSON bodies as Fastify parses them (its own parser: prototype poisoning refused), read as bytes
 * first, for two answers its text mode got wrong:
 *
 * - bytes that are not UTF-8 are refused naming that; decoded as text they became U+FFFD
 *   (a chunked body was run with its stdin silently changed) or, with a Content-Length, made
 *   the body "not match" its length;
 * - an empty body (a DELETE sent by a client that always says `Content-Type: application/json`)
 *   is no body, as without the header, rather than a 400 "Body cannot be empty".
 */
export function readJsonBodies(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    if (bytes.length === 0) return done(null, undefined);
    if (!isUtf8(bytes)) return done(problem('bad_request', `The JSON body is not valid UTF-8 (at byte ${firstInvalidByte(bytes)}): JSON bodies are read as UTF-8 (RFC 8259)`, { field: 'body' }), undefined);
    parseJson(request, bytes.toString('utf8'), done);
  });
}

/** Where the UTF-8 goes wrong: decoding puts U+FFFD (EF BF BD) there, so the bytes encoded back differ first there. */
function firstInvalidByte(bytes: Buffer): number {
  const again = Buffer.from(bytes.toString('utf8'), 'utf8');
  let at = 0;
  while (at < bytes.length && bytes[at] === again[at]) at++;
  return at;
}

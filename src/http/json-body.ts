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
    // Nothing but JSON's own whitespace (RFC 8259) is no body too.
    if (bytes.every((byte) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09)) return done(null, undefined);
    if (!isUtf8(bytes)) return done(problem('bad_request', `The JSON body is not valid UTF-8 (at byte ${firstInvalidByte(bytes)}): JSON bodies are read as UTF-8 (RFC 8259)`, { field: 'body' }), undefined);
    parseJson(request, bytes.toString('utf8'), done);
  });
}

/**
 * Where the UTF-8 goes wrong: the first byte of the first sequence that is not a character
 * (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF, none cut short).
 */
export function firstInvalidByte(bytes: Uint8Array): number {
  let at = 0;
  while (at < bytes.length) {
    const lead = bytes[at];
    const [length, low, high] = lead < 0x80 ? [1, 0, 0] : lead < 0xc2 ? [0, 0, 0] : lead < 0xe0 ? [2, 0x80, 0xbf] : lead === 0xe0 ? [3, 0xa0, 0xbf] : lead === 0xed ? [3, 0x80, 0x9f] : lead < 0xf0 ? [3, 0x80, 0xbf] : lead === 0xf0 ? [4, 0x90, 0xbf] : lead < 0xf4 ? [4, 0x80, 0xbf] : lead === 0xf4 ? [4, 0x80, 0x8f] : [0, 0, 0];
    if (length === 0 || at + length > bytes.length) return at;
    // The second byte has the lead's own range; the others any continuation byte.
    if (length > 1 && (bytes[at + 1] < low || bytes[at + 1] > high)) return at;
    for (let next = 2; next < length; next++) if ((bytes[at + next] & 0xc0) !== 0x80) return at;
    at += length;
  }
  return at;
}

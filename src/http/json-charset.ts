import { parse } from 'content-type';
import type { FastifyInstance } from 'fastify';
import { problem } from './problem';

const MENTIONS_CHARSET = /charset/i;
const UTF8 = new Set(['utf-8', 'utf8']);

/** A JSON media type: `application/json` or a `+json` suffix. */
const isJson = (type: string) => type === 'application/json' || type.endsWith('+json');

/**
 * JSON bodies are read as UTF-8, the only encoding JSON between systems may use (RFC 8259 §8.1).
 * One declared in another charset (`charset=utf-16`, `latin1`) would be decoded as UTF-8 all the
 * same, its text silently garbled or refused as invalid JSON: it is refused for what it is, 415
 * naming the charset, before a byte of it is read.
 */
export function refuseJsonInOtherCharsets(fastify: FastifyInstance): void {
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    const header = request.headers['content-type'];
    if (header === undefined || !MENTIONS_CHARSET.test(header)) return done(null, payload);
    const charset = declaredCharset(header);
    if (charset === null || UTF8.has(charset.toLowerCase())) return done(null, payload);
    done(problem('unsupported_media_type', `The JSON body is declared as charset=${charset}: JSON bodies are read as UTF-8 (RFC 8259); send it as UTF-8, with charset=utf-8 or no charset`));
  });
}

/** The charset a JSON Content-Type declares; null for another media type, or none (a header Fastify's own parsing judges). */
function declaredCharset(header: string): string | null {
  try {
    const { type, parameters } = parse(header);
    return isJson(type) ? (parameters.charset ?? null) : null;
  } catch {
    return null;
  }
}

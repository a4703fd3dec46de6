import type { FastifyInstance, FastifyRequest } from 'fastify';
import { mediaTypeOf } from './request-body';

export const OCTET_STREAM = 'application/octet-stream';

/**
 * application/octet-stream bodies are left unread by Fastify: the route that takes one streams
 * `request.raw` where the bytes belong (a run's stdin buffer), with no copy into a body first.
 * A route that takes none refuses it as any other media type it does not take.
 */
export function acceptOctetStreamBodies(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(OCTET_STREAM, (_request, _payload, done) => done(null, undefined));
  // No route takes text: Fastify's own text/plain parser made such a body a string that reached validation.
  fastify.removeContentTypeParser('text/plain');
}

export function isOctetStream(request: FastifyRequest): boolean {
  return mediaTypeOf(request.headers) === OCTET_STREAM;
}

/** The body's Content-Length, when it gives one. */
export function declaredLength(request: FastifyRequest): number | undefined {
  const header = request.headers['content-length'];
  return header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
}

/**
 * Streams `request.raw` into `room(n)`, a buffer with room for n bytes (grown by asking for a larger
 * one), never past `limit` bytes: the first chunk over it rejects with `tooLarge()`, and the rest is
 * left unread (the answer closes the connection), rather than destroying the request, which would
 * leave no socket to answer on.
 */
export function readRawBody(
  request: FastifyRequest,
  { limit, room, tooLarge }: { limit: number; room: (bytes: number) => Uint8Array; tooLarge: () => Error },
): Promise<Uint8Array> {
  const stream = request.raw;
  let buffer = room(Math.min(limit, declaredLength(request) ?? 64 * 1024));
  let length = 0;
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => {
      stream.off('data', write);
      stream.pause();
      reject(error);
    };
    const write = (chunk: Buffer) => {
      if (length + chunk.length > limit) return fail(tooLarge());
      if (length + chunk.length > buffer.length) {
        const larger = room(Math.min(limit, Math.max(2 * buffer.length, length + chunk.length)));
        larger.set(buffer.subarray(0, length));
        buffer = larger;
      }
      buffer.set(chunk, length);
      length += chunk.length;
    };
    stream.on('data', write);
    stream.once('end', () => resolve(buffer.subarray(0, length)));
    stream.once('error', fail);
  });
}

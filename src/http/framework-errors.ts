import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { problem } from './problem';
import { genericProblem } from './problem.filter';
import { PROBLEM_MEDIA_TYPE } from './problem-responses';

/**
 * The longest path segment the router reads as a parameter: a module's `name@version` is at most
 * 138 characters, an id 36. Fastify's default (100) cut names of 101–128 characters, which could be
 * stored but then not named (a bare 414 in Fastify's own JSON).
 */
export const MAX_PARAM_LENGTH = 256;

/** Fastify's router errors, which reach no route and so no Nest filter: the same problem+json as the rest. */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const path = request.raw.url ?? '';
  const refusal =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? problem('not_found', `Nothing here is named by a path segment longer than ${MAX_PARAM_LENGTH} characters`)
      : error.code === 'FST_ERR_BAD_URL'
        ? problem('bad_request', 'The path holds a malformed percent-escape (a `%` not followed by two hex digits, or one that decodes to invalid UTF-8)')
        : problem('bad_request', error.message);
  void reply.status(refusal.getStatus()).type(PROBLEM_MEDIA_TYPE).send(refusal.toBody());
}

const CLIENT_ERRORS: Record<string, { status: number; detail: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, detail: 'The request line and headers are larger than the 16 KiB the server reads' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, detail: 'The request was not received in time' },
};

/**
 * Requests Node's HTTP parser refused before Fastify saw them (headers too large, a malformed
 * request line): answered as problem+json on the raw socket, which is then closed, as Node does.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, detail } = CLIENT_ERRORS[error.code ?? ''] ?? { status: 400, detail: 'The request is not well-formed HTTP/1.1' };
  const body = JSON.stringify(genericProblem(status, detail));
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: ${PROBLEM_MEDIA_TYPE}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}

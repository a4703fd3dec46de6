import { HttpStatus } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { problemBody } from './problem';

const OPERATIONS = /^\/(health\/|metrics(\?|$))/;

/**
 * An executor (WASMWIZ_ROLE=executor) works jobs only: over HTTP it answers health and metrics,
 * and nothing of the API, which the API processes serve.
 */
export function serveOperationsOnly(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request, reply) => {
    if (OPERATIONS.test(request.url)) return;
    const detail = 'This process is an executor (WASMWIZ_ROLE=executor): it serves /health/live, /health/ready and /metrics only; the API is served by the api processes';
    await reply.status(HttpStatus.NOT_FOUND).type('application/problem+json').send(problemBody(HttpStatus.NOT_FOUND, 'not_found', 'Not found', detail, request.url.split('?')[0]));
  });
}

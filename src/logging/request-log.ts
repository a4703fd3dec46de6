import { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions, LogController } from 'fastify';

/**
 * Fastify's own request log lines, one per answered request, with who asked for what (no headers
 * at all: keys travel in them), the status and the time. Health probes are not logged.
 */
class RequestLog extends LogController {
  constructor() {
    super({ disableRequestLogging: (request) => request.url.startsWith('/health') });
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

/** Fastify's logger (pino) and request logging, as the service runs them. */
export function loggingOptions(level: string): Pick<FastifyServerOptions, 'logger' | 'logController'> {
  return {
    logger: {
      level,
      serializers: {
        req: (request: FastifyRequest) => ({ id: request.id, method: request.method, url: request.url, remoteAddress: request.ip }),
      },
    },
    logController: new RequestLog(),
  };
}

/** A request whose client hung up before its answer gets a line too: it is never answered. */
export function logAbortedRequests(fastify: FastifyInstance): void {
  fastify.addHook('onRequestAbort', (request, done) => {
    if (!request.url.startsWith('/health')) request.log.info({ req: request }, 'request aborted');
    done();
  });
}

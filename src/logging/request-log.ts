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
    else if (isPageFile(request, reply)) reply.log.debug(line, 'request completed');
    else reply.log.info(line, 'request completed');
  }
}

/** A file of the web page served as asked (each page load fetches a dozen): routine, so debug. */
function isPageFile(request: FastifyRequest, reply: FastifyReply): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith('/api/') && reply.statusCode < 400;
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

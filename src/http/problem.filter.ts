import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { errorCodes, type FastifyReply, type FastifyRequest } from 'fastify';
import { jsonBodyTooLarge } from './body-limit';
import { problem, ProblemBody, problemBody, ProblemException } from './problem';
import { genericCodeOf, PROBLEM_CODES } from './problem-codes';

/** Fastify's own errors (bad JSON, body too large, bad content type) carry a statusCode and a code. */
interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Gives an error that means something the filter cannot know (a lost database) its own answer. */
export type ErrorTranslation = (raised: unknown) => unknown;

/** Every error leaves the service as application/problem+json; a 5xx never leaks a stack. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(private readonly translate: ErrorTranslation = (raised) => raised) {}

  catch(raised: unknown, host: ArgumentsHost): void {
    // The same answer wherever a lost database surfaced (a key's lookup, a list, an upload).
    const exception = this.translate(raised);
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { body, headers } = this.toProblem(exception, request);
    // A client that hung up has its 'request aborted' line and nothing failed. It is still answered
    // (to a closed socket): the answer's hooks give the quota lease back and count the request.
    if (body.status !== CLIENT_CLOSED_REQUEST) this.log(exception, body);
    if (reply.sent) return;
    for (const [name, value] of Object.entries(headers)) reply.header(name, value);
    reply.status(body.status).type('application/problem+json').send(body);
  }

  private log(exception: unknown, body: ProblemBody): void {
    if (exception instanceof ProblemException) {
      // Answers the service chose (a full pool, a database outage): one line, no stack.
      if (body.status >= 500) this.logger.warn(`${body.status} ${body.code}: ${body.detail}`);
    } else if (body.status >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
  }

  toProblem(exception: unknown, request?: FastifyRequest): { body: ProblemBody; headers: Record<string, string> } {
    const instance = request && asUriReference(request.url);
    if (request && clientHungUp(exception, request)) {
      const detail = 'The client closed the connection before its request was read';
      return { body: problem('client_closed_request', detail).toBody(instance), headers: {} };
    }
    if (exception instanceof ProblemException) {
      return { body: exception.toBody(instance), headers: exception.headers };
    }
    if (request && overBodyLimit(exception, request)) {
      const problem = jsonBodyTooLarge(request.routeOptions.bodyLimit);
      return { body: problem.toBody(instance), headers: problem.headers };
    }
    if (request && staticPathRefused(exception, request)) {
      return { body: problem('not_found', `No file is served at ${instance}: a path with an empty or \`..\` segment is refused`).toBody(instance), headers: {} };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'object' && response !== null && 'message' in response
          ? (response as { message: unknown }).message
          : exception.message;
      const detail = Array.isArray(message) ? message.join('; ') : String(message);
      return { body: this.generic(status, fastifyDetail(detail, request) ?? detail, instance), headers: {} };
    }
    const fastifyError = exception as FastifyLikeError;
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode < 500) {
      return { body: this.generic(fastifyError.statusCode, fastifyError.message ?? 'Bad request', instance), headers: {} };
    }
    return {
      body: this.generic(HttpStatus.INTERNAL_SERVER_ERROR, 'The service failed to handle this request', instance),
      headers: {},
    };
  }

  private generic(status: number, detail: string, instance?: string): ProblemBody {
    return genericProblem(status, detail, instance);
  }
}

/** A problem of `status` the service did not choose itself: the status's generic code. */
export function genericProblem(status: number, detail: string, instance?: string): ProblemBody {
  const code = genericCodeOf(status);
  // A status with no code of its own (a 408, a 502) keeps its own name as the title.
  const title = PROBLEM_CODES[code].status === status ? PROBLEM_CODES[code].title : titleOf(status);
  return problemBody(status, code, title, detail, instance);
}

const CLIENT_CLOSED_REQUEST = PROBLEM_CODES.client_closed_request.status;

const INVALID_MEDIA_TYPE = new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE().message;
const INVALID_JSON_BODY = new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY().message;

/**
 * What Fastify's body parsing errors mean, said more precisely than their own messages. Nest hands
 * them on as bare HttpExceptions, their codes lost, so they are known by their messages.
 */
function fastifyDetail(message: string, request?: FastifyRequest): string | undefined {
  if (message === INVALID_MEDIA_TYPE) {
    return `The body's Content-Type (${request?.headers['content-type'] ?? 'none'}) is not one this route takes: see its request body in /docs`;
  }
  if (message === INVALID_JSON_BODY) return 'The body is not valid JSON, or holds a `__proto__` or `constructor.prototype` key (refused: prototype poisoning)';
  return undefined;
}

/**
 * Fastify's body limit, which Nest hands on as a bare 413 HttpException (its code lost): the only
 * 413 the service does not raise as a problem of its own, multipart bodies aside (their parts are
 * held to the limits of their route).
 */
function overBodyLimit(exception: unknown, request: FastifyRequest): boolean {
  const status = exception instanceof HttpException ? exception.getStatus() : (exception as FastifyLikeError)?.statusCode;
  return status === HttpStatus.PAYLOAD_TOO_LARGE && !(exception instanceof ProblemException) && !request.isMultipart();
}

/**
 * @fastify/static refusing a path it takes for an attempt to leave its root (a `..` segment, an
 * empty one): a bare 403 outside the API, whose own 403s are problems. There is no file there.
 */
function staticPathRefused(exception: unknown, request: FastifyRequest): boolean {
  const status = exception instanceof HttpException ? exception.getStatus() : (exception as FastifyLikeError)?.statusCode;
  return status === HttpStatus.FORBIDDEN && !request.url.startsWith('/api/');
}

/** The request's own stream failed because its client hung up (Node's 'aborted' reset), not a backend. */
function clientHungUp(exception: unknown, request: FastifyRequest): boolean {
  const error = exception as { code?: string; message?: string } | undefined;
  return error?.code === 'ECONNRESET' && error.message === 'aborted' && request.raw.socket?.destroyed === true;
}

/** Characters a URI reference may hold as they are (RFC 3986), and `%` only as an escape. */
const NOT_IN_URI = /%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]/gu;

/**
 * `instance` is a URI reference: a request target as a client sent it may hold what none can
 * (`|`, a space, raw UTF-8), which is percent-encoded as UTF-8 bytes; escapes already there stay.
 */
function asUriReference(target: string): string {
  return target.replace(NOT_IN_URI, (character) => [...Buffer.from(character)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}

function titleOf(status: number): string {
  const name = HttpStatus[status];
  if (!name) return status >= 500 ? 'Internal error' : 'Bad request';
  const words = name.toLowerCase().split('_').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

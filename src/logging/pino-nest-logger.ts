import type { LoggerService } from '@nestjs/common';
import type { FastifyBaseLogger } from 'fastify';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's logs, written by Fastify's own pino logger (one JSON line each, with `context`, the
 * name the logging class gave). nestjs-pino did this before, but it put every request in an
 * AsyncLocalStorage, which on Node 20 turns on promise hooks for the whole process, a large share
 * of the service's CPU per execution (README, Performance). Request ids are in the request log
 * lines instead.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: FastifyBaseLogger) {}

  log(message: unknown, ...params: unknown[]): void {
    const parts = withContext(params);
    this.write(parts.context && NEST_ROUTINE.has(parts.context) ? 'debug' : 'info', message, parts);
  }

  /** Nest passes `(message, stack?, context?)`; as its ConsoleLogger, a lone string is a stack if it looks like one. */
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, withStack(params));
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, withContext(params));
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, withContext(params));
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, withContext(params));
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, withContext(params));
  }

  private write(level: Level, message: unknown, { context, stack }: Parts): void {
    if (message instanceof Error) this.pino[level]({ context, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.pino[level]({ context, ...message });
    else this.pino[level]({ context, ...(stack ? { stack } : {}) }, String(message));
  }
}

interface Parts {
  context?: string;
  stack?: string;
}

const STACK = /^(.)+\n\s+at .+:\d+:\d+/;

/** Nest's own lines of every start (each module, controller and route it set up): routine, so debug. */
const NEST_ROUTINE = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** Nest's Logger appends the logging class's name last. */
function withContext(params: unknown[]): Parts {
  const last = params[params.length - 1];
  return typeof last === 'string' ? { context: last } : {};
}

function withStack(params: unknown[]): Parts {
  if (params.length === 1 && typeof params[0] === 'string' && STACK.test(params[0])) return { stack: params[0] };
  const { context } = withContext(params);
  const stack = params.length >= 2 ? params[params.length - 2] : undefined;
  return { context, stack: typeof stack === 'string' ? stack : undefined };
}

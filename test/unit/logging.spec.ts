import { Logger } from '@nestjs/common';
import Fastify from 'fastify';
import { Writable } from 'node:stream';
import { PinoNestLogger } from '../../src/logging/pino-nest-logger';
import { loggingOptions } from '../../src/logging/request-log';

describe("Nest's logs through Fastify's pino logger", () => {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({ write: (chunk, _encoding, done) => (lines.push(JSON.parse(String(chunk))), done()) });

  beforeAll(() => Logger.overrideLogger(new PinoNestLogger(Fastify({ logger: { level: 'debug', stream } }).log)));
  beforeEach(() => (lines.length = 0));

  it('writes one JSON line per call, with the level and the logging class as context', () => {
    const logger = new Logger('Quota');
    logger.log('Redis answers again');
    logger.warn('Redis is not answering');
    logger.debug('probe');
    logger.verbose('below the level');
    expect(lines.map(({ level, context, msg }) => ({ level, context, msg }))).toEqual([
      { level: 30, context: 'Quota', msg: 'Redis answers again' },
      { level: 40, context: 'Quota', msg: 'Redis is not answering' },
      { level: 20, context: 'Quota', msg: 'probe' },
    ]);
  });

  it('keeps the stack Nest passes with an error, and logs an Error object as err', () => {
    const logger = new Logger('ProblemFilter');
    logger.error('the sandbox failed', 'Error: the sandbox failed\n    at run (pool.js:1:1)');
    logger.error(new Error('boom'));
    logger.error('no stack');
    expect(lines[0]).toMatchObject({ level: 50, context: 'ProblemFilter', msg: 'the sandbox failed', stack: expect.stringContaining('at run') });
    expect(lines[1]).toMatchObject({ level: 50, context: 'ProblemFilter', msg: 'boom', err: { message: 'boom', type: 'Error' } });
    expect(lines[2]).toMatchObject({ level: 50, context: 'ProblemFilter', msg: 'no stack' });
    expect(lines[2]).not.toHaveProperty('stack');
  });

  it('tells a stack from a context when a logger without a context logs an error', () => {
    new Logger().error('failed', 'Error: failed\n    at run (pool.js:1:1)');
    Logger.error('failed', 'SomeService');
    expect(lines[0]).toMatchObject({ level: 50, msg: 'failed', stack: expect.stringContaining('at run') });
    expect(lines[0]).not.toHaveProperty('context');
    expect(lines[1]).toMatchObject({ level: 50, msg: 'failed', context: 'SomeService' });
    expect(lines[1]).not.toHaveProperty('stack');
  });

  it('merges an object message into the line', () => {
    new Logger('Usage').log({ flushed: 3, backlog: 0 });
    expect(lines[0]).toMatchObject({ level: 30, context: 'Usage', flushed: 3, backlog: 0 });
  });

  it("puts Nest's routine start lines (modules, routes) at debug, and its other lines at info", () => {
    new Logger('RouterExplorer').log('Mapped {/api/v1/me, GET} route');
    new Logger('InstanceLoader').log('QuotasModule dependencies initialized');
    new Logger('ServerSecrets').log('kept generated secrets in data/secrets.json');
    expect(lines.map(({ level, context }) => ({ level, context }))).toEqual([
      { level: 20, context: 'RouterExplorer' },
      { level: 20, context: 'InstanceLoader' },
      { level: 30, context: 'ServerSecrets' },
    ]);
  });
});

describe('the request log', () => {
  it("logs the web page's files at debug, and the API's answers and every failure at info or above", async () => {
    const lines: { level: number; msg: string; req?: { url: string } }[] = [];
    const stream = new Writable({ write: (chunk, _encoding, done) => (lines.push(JSON.parse(String(chunk))), done()) });
    const { logger, logController } = loggingOptions('debug');
    const app = Fastify({ logger: { ...(logger as object), stream }, logController });
    app.get('/js/app.js', async () => 'export {}');
    app.get('/api/v1/me', async () => ({}));
    try {
      for (const url of ['/js/app.js', '/api/v1/me', '/js/missing.js']) await app.inject({ method: 'GET', url });
    } finally {
      await app.close();
    }
    const completed = lines.filter((line) => line.msg === 'request completed').map(({ level, req }) => ({ level, url: req!.url }));
    expect(completed).toEqual([
      { level: 20, url: '/js/app.js' },
      { level: 30, url: '/api/v1/me' },
      { level: 30, url: '/js/missing.js' },
    ]);
  });
});

import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { answerClientError, answerFrameworkError, MAX_PARAM_LENGTH } from './http/framework-errors';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { jsonBodyLimit } from './http/body-limit';
import { serveOperationsOnly } from './http/operations-only';
import { serveVocabulary } from './http/vocabulary-script';
import { PinoNestLogger } from './logging/pino-nest-logger';
import { loggingOptions } from './logging/request-log';
import { registerRequestLifecycle } from './lifecycle/request-lifecycle';
import { setupOpenApi } from './openapi-document';
import { projectFile } from './common/paths';

const PUBLIC_DIR = projectFile('public');
const SAMPLES_DIR = projectFile('examples');

/**
 * Headers come in a few round trips, so 15 s is ample, where Node's 60 s (checked every 30 s)
 * let one client hold 20,000 half-sent requests, and so every file descriptor of the process,
 * for over a minute without authenticating. Never later than the request's own timeout.
 */
const HEADERS_TIMEOUT_MS = 15_000;
function requestTimeouts(requestTimeoutMs: number) {
  return { connectionsCheckingInterval: Math.min(5_000, requestTimeoutMs), headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeoutMs) };
}

export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  // The client address (per-address limits) comes from X-Forwarded-For only behind trusted proxies:
  // believing every sender would let a client name any address it likes.
  const adapter = new FastifyAdapter({
    bodyLimit: jsonBodyLimit(config),
    trustProxy: config.trustProxy,
    // A body trickled in forever would hold its connection, and what it sent, for good.
    requestTimeout: config.requestTimeoutMs,
    http: requestTimeouts(config.requestTimeoutMs),
    // `//api/v1/me` is /api/v1/me, as behind nginx's merge_slashes (@fastify/static refused it: a bare 403).
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH, ignoreDuplicateSlashes: true },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    ...loggingOptions(config.logLevel),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    // Nest would add parsers for JSON and urlencoded forms: Fastify's own JSON parser is the one
    // the routes want, and no route takes a form.
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  app.useLogger(new PinoNestLogger(fastify.log));
  // What the modules logged while they were made goes out now, long before the start's banner.
  app.flushLogs();
  // The order of one request's hooks, guards, pipes and filter is written down there.
  await registerRequestLifecycle(app);
  if (config.role === 'executor') serveOperationsOnly(fastify);
  app.useStaticAssets({ root: PUBLIC_DIR, prefix: '/', index: ['index.html'] });
  serveVocabulary(fastify);
  // The sample modules the web console offers, straight from examples/ (only the built .wasm files).
  await app.register(fastifyStatic, {
    root: SAMPLES_DIR,
    prefix: '/samples/',
    decorateReply: false,
    index: false,
    allowedPath: (path: string) => /^\/[\w-]+\.wasm$/.test(path),
  });
  setupOpenApi(app);
  return app;
}

import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { drainConnectionsOnClose } from './http/connection-drain';
import { refuseDeepBodies } from './http/body-depth';
import { ProblemFilter } from './http/problem.filter';
import { registerSecurityHeaders } from './http/security-headers';
import { validationProblem } from './http/validation-problem';
import { serveVocabulary } from './http/vocabulary-script';
import { ReadinessService } from './health/readiness.service';
import { PinoNestLogger } from './logging/pino-nest-logger';
import { logAbortedRequests, loggingOptions } from './logging/request-log';
import { instrumentHttp } from './metrics/http-metrics';
import { MetricsService } from './metrics/metrics.service';
import { setupOpenApi } from './openapi/document';
import { releaseQuotaLeasesOnAnswer } from './quotas/quota.guard';
import { projectFile } from './paths';

const PUBLIC_DIR = projectFile('public');
const SAMPLES_DIR = projectFile('examples');
/** JSON bodies carry stdin and files as base64: room for the largest input plus encoding overhead. */
const jsonBodyLimit = (config: AppConfig) => Math.ceil(config.ceilings.maxInputBytes * 1.4) + 1024 * 1024;

export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  // The client address (per-address limits) comes from X-Forwarded-For only behind trusted proxies:
  // believing every sender would let a client name any address it likes.
  const adapter = new FastifyAdapter({
    bodyLimit: jsonBodyLimit(config),
    trustProxy: config.trustProxy,
    ...loggingOptions(config.logLevel),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
  });
  const fastify = app.getHttpAdapter().getInstance();
  app.useLogger(new PinoNestLogger(fastify.log));
  logAbortedRequests(fastify);
  instrumentHttp(fastify, app.get(MetricsService));
  const readiness = app.get(ReadinessService);
  drainConnectionsOnClose(fastify, () => readiness.isDraining);
  releaseQuotaLeasesOnAnswer(fastify);
  refuseDeepBodies(fastify);
  await app.register(multipart);
  registerSecurityHeaders(fastify);
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
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationProblem,
      // The problem names fields and constraints only; leaving the object and the value out of
      // class-validator's errors halves the pipe's cost on a valid body (12.5 -> 6.9 us).
      validationError: { target: false, value: false },
    }),
  );
  setupOpenApi(app);
  return app;
}

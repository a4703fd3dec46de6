import multipart from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Authenticator, FailedAuthBudget } from '../access/auth.guard';
import { authenticateBeforeLargeBodies } from '../access/early-auth';
import { databaseUnavailable, isDatabaseUnavailable } from '../database/database-unavailable';
import { ReadinessService } from '../health/readiness.service';
import { refuseMisshapenBodies } from '../http/body-shape';
import { refuseEncodedBodies } from '../http/content-encoding';
import { refuseJsonInOtherCharsets } from '../http/json-charset';
import { readJsonBodies } from '../http/json-body';
import { drainConnectionsOnClose } from '../http/connection-drain';
import { DtoValidationPipe } from '../http/dto-validation-pipe';
import { acceptOctetStreamBodies } from '../http/octet-stream';
import { ProblemFilter } from '../http/problem.filter';
import { refuseMediaTypesRoutesDoNotTake } from '../http/route-media-types';
import { registerSecurityHeaders } from '../http/security-headers';
import { logAbortedRequests } from '../logging/request-log';
import { instrumentHttp } from '../metrics/http-metrics';
import { MetricsService } from '../metrics/metrics.service';
import { releaseQuotaLeasesOnAnswer } from '../quotas/quota.guard';

/**
 * The way of one request through the service, in the order it runs. Fastify's hooks wrap Nest's
 * chain, which runs inside Fastify's route handler:
 *
 * 1. onRequest        security headers (helmet's set) on every answer, static files included
 * 2. preParsing       a body over 64 KiB (or of unknown length) waits for its credential to
 *                     authenticate, as AuthGuard does it (401 before a byte of it is read);
 *                     a JSON body declared in a charset other than UTF-8, and a body sent
 *                     with a Content-Encoding, are refused (415)
 *    parsing          JSON bodies up to the adapter's bodyLimit (413 naming the limit past it),
 *                     refused unless UTF-8; an empty one is none;
 *                     application/octet-stream bodies left as a stream for the handler
 * 3. preValidation    a JSON body nested too deep is refused (400) before anything reads it;
 *                     a multipart or octet-stream body on a route that does not take it (415)
 * 4. Nest guards      AuthGuard on every route not @Public() (key -> principal, failure budget
 *                     per address); QuotaGuard on @QuotaLimited() routes (every window and a
 *                     concurrency lease in one decision, rate-limit headers)
 * 5. Nest pipes       ValidationPipe (DTOs, whitelist) -> the handler; multipart is read there
 * 6. ProblemFilter    every error becomes problem+json (a lost database: 503)
 * 7. onSend           a draining server answers `Connection: close`; the quota lease is given back
 * 8. onResponse       HTTP metrics (route, status, duration)
 *    onRequestAbort   a log line for a request its client gave up on
 *    preClose         idle and half-sent connections are closed as the server drains
 *
 * Hooks of one kind run in the order they are added here.
 */
export async function registerRequestLifecycle(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  logAbortedRequests(fastify);
  instrumentHttp(fastify, app.get(MetricsService));
  const readiness = app.get(ReadinessService);
  drainConnectionsOnClose(fastify, () => readiness.isDraining);
  releaseQuotaLeasesOnAnswer(fastify);
  authenticateBeforeLargeBodies(fastify, app.get(Authenticator), app.get(FailedAuthBudget));
  refuseJsonInOtherCharsets(fastify);
  readJsonBodies(fastify);
  refuseEncodedBodies(fastify);
  refuseMisshapenBodies(fastify);
  refuseMediaTypesRoutesDoNotTake(fastify);
  await app.register(multipart);
  acceptOctetStreamBodies(fastify);
  registerSecurityHeaders(fastify);
  app.useGlobalFilters(new ProblemFilter((raised) => (isDatabaseUnavailable(raised) ? databaseUnavailable() : raised)));
  app.useGlobalPipes(new DtoValidationPipe());
}

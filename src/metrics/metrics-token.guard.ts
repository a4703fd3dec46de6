import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { secretsEqual } from '../access/secrets-equal';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { unauthorized } from '../http/problem';

/** With METRICS_TOKEN set, /metrics answers only a scraper that sends it as a bearer token. */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const token = this.config.metricsToken;
    if (token === null) return true;
    const sent = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization ?? '';
    if (secretsEqual(sent, `Bearer ${token}`)) return true;
    throw unauthorized(sent ? 'The bearer token is not METRICS_TOKEN' : 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>');
  }
}

/**
 * What the auth and quota guards add to a request, measured on the guards themselves: an
 * in-process service (its own database, the same Redis), the two guards of the stored-module
 * execution route called the way Nest calls them, sequentially, with a real key.
 */
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { AuthGuard, FailedAuthBudget } from '../../src/access/auth.guard';
import { AuthService } from '../../src/auth/auth.service';
import type { KeyPrincipal } from '../../src/access/principal';
import { ExecuteController } from '../../src/executions/execute.controller';
import { QuotaGuard, releaseQuotaLease } from '../../src/quotas/quota.guard';
import { QuotaService } from '../../src/quotas/quota.service';
import { startTestApp } from '../support/test-app';
import { Latency, latencies } from './measure';

export interface GuardTimings {
  /** AuthGuard then QuotaGuard, as on POST /api/v1/modules/:id/executions. */
  both: Latency;
  auth: Latency;
  quota: Latency;
  quotaBackend: 'redis' | 'memory';
}

export const UNTHROTTLED = { requestsPerMinute: 100_000_000, executionsPerDay: 2_000_000_000, maxConcurrency: 10_000 };

export async function measureGuards(count: number, redisUrl: string | null): Promise<GuardTimings> {
  const service = await startTestApp({ WORKER_THREADS: '1', ...(redisUrl ? { REDIS_URL: redisUrl } : {}) });
  try {
    await service.admin('PATCH', '/api/v1/admin/tiers/enterprise', UNTHROTTLED);
    const { key } = await service.createKey('enterprise');
    const authService = service.app.get(AuthService);
    const quotas = service.app.get(QuotaService);
    const authGuard = new AuthGuard(service.app.get(Reflector), authService, service.app.get(FailedAuthBudget));
    const quotaGuard = new QuotaGuard(quotas, service.app.get(Reflector));

    /** A request to the execution route as the guards see it; `answer` is its answer being sent. */
    const request = () => {
      const reply = { headers: () => reply };
      const http = { headers: { authorization: `Bearer ${key}` }, ip: '127.0.0.1' };
      const context = new ExecutionContextHost([http, reply], ExecuteController, ExecuteController.prototype.executeStoredModule);
      return { context, answer: () => releaseQuotaLease(http) };
    };
    // The previous answer is sent (its lease goes back) outside the timed part.
    const previous = { answer: () => undefined as void };
    const guards = async () => {
      previous.answer();
      const { context, answer } = request();
      if (!(await authGuard.canActivate(context)) || !(await quotaGuard.canActivate(context))) throw new Error('a guard refused the bench key');
      previous.answer = answer;
    };
    const principal = (await authService.authenticate(key)) as KeyPrincipal;
    const quota = async () => (await quotas.take(principal)).release();
    const warmUp = Math.min(1000, count);
    await latencies(warmUp, guards);
    await latencies(warmUp, quota);
    const both = await latencies(count, guards);
    previous.answer();
    const auth = await latencies(count, () => authService.authenticate(key));
    const quotaOnly = await latencies(count, quota);
    const strip = ({ p50Ms, p99Ms }: Latency) => ({ p50Ms, p99Ms });
    return { both: strip(both), auth: strip(auth), quota: strip(quotaOnly), quotaBackend: quotas.usingRedis ? 'redis' : 'memory' };
  } finally {
    await service.close();
  }
}

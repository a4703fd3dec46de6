import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { FailedAuthBudget } from '../access/auth.guard';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { ProblemException } from '../http/problem';
import { QuotaBackends } from './quota-backends.service';
import { authRateLimited } from './rate-limited.error';

/** The per-address budget of failed authentications, decided where quotas are. */
@Injectable()
export class AuthFailureLimiter extends FailedAuthBudget {
  private readonly blockedUntil = new LRUCache<string, number>({ max: 100_000 });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly backends: QuotaBackends,
  ) {
    super();
  }

  /**
   * Counts a failed authentication from `address`. Past the budget its failures are refused with
   * 429 (remembered here until its retry time, so refusals cost no Redis call).
   */
  async fail(address: string): Promise<void> {
    const decision = await this.backends.run((backend) => backend.authFailure(address, this.config.authFailuresPerMinute));
    if (!decision.allowed) {
      this.blockedUntil.set(address, Date.now() + decision.retryAfterMs);
      throw authRateLimited(decision.retryAfterMs, this.config.authFailuresPerMinute);
    }
  }

  blocked(address: string): ProblemException | null {
    const until = this.blockedUntil.get(address);
    if (until === undefined) return null;
    if (until > Date.now()) return authRateLimited(until - Date.now(), this.config.authFailuresPerMinute);
    this.blockedUntil.delete(address);
    return null;
  }
}

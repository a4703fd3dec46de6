import { Module } from '@nestjs/common';
import { FailedAuthBudget } from '../access/auth.guard';
import { RedisModule } from '../redis/redis.module';
import { AuthFailureLimiter } from './auth-failure-limiter.service';
import { QuotaBackends } from './quota-backends.service';
import { QuotaMetrics } from './quota-metrics.service';
import { QuotaGuard } from './quota.guard';
import { QuotaService } from './quota.service';

@Module({
  imports: [RedisModule],
  providers: [QuotaMetrics, QuotaBackends, QuotaService, QuotaGuard, AuthFailureLimiter, { provide: FailedAuthBudget, useExisting: AuthFailureLimiter }],
  exports: [QuotaService, QuotaGuard, FailedAuthBudget],
})
export class QuotasModule {}

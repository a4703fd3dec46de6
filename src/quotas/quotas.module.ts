import { Global, Module } from '@nestjs/common';
import { QuotaGuard, QuotaLeaseInterceptor } from './quota.guard';
import { QuotaService } from './quota.service';

@Global()
@Module({ providers: [QuotaService, QuotaGuard, QuotaLeaseInterceptor], exports: [QuotaService, QuotaGuard, QuotaLeaseInterceptor] })
export class QuotasModule {}

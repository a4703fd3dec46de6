import { Global, Module } from '@nestjs/common';
import { QuotaGuard } from './quota.guard';
import { QuotaService } from './quota.service';

@Global()
@Module({ providers: [QuotaService, QuotaGuard], exports: [QuotaService, QuotaGuard] })
export class QuotasModule {}

import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toAccountView } from '../accounts/account-views';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { QuotaService } from '../quotas/quota.service';
import { limitSources, toTierView } from '../tiers/effective-limits';
import { CurrentKey } from '../access/auth.decorators';
import { MeView } from './me-view';
import { toKeyView } from './key-views';
import { KeyPrincipal } from '../access/principal';

@ApiTags('keys')
@Controller('api/v1/me')
export class MeController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly quotas: QuotaService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The calling key, its account, its tier, the limits runs actually get and the quota left' })
  @ApiOkResponse({ type: MeView })
  async getMe(@CurrentKey() principal: KeyPrincipal): Promise<MeView> {
    const quota = await this.quotas.peek(principal);
    return {
      key: toKeyView(principal.key),
      account: toAccountView(principal.account),
      tier: toTierView(principal.tier, this.config.ceilings),
      limits: principal.limits,
      limitSources: limitSources(principal.tier, principal.limits),
      quota: {
        minute: quota.minute,
        day: quota.day,
        concurrency: quota.concurrency,
        backend: this.quotas.usingRedis ? 'redis' : 'memory',
      },
    };
  }
}

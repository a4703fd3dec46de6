import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { problem, notFound } from '../http/problem';
import { InvalidationBus } from '../redis/invalidation-bus.service';
import { toTierView, TierView } from './effective-limits';
import { Tier } from '../schema/tier.entity';
import { UpdateTierDto } from './update-tier.dto';

@Injectable()
export class TiersService {
  constructor(
    @InjectRepository(Tier) private readonly tiers: Repository<Tier>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly bus: InvalidationBus,
  ) {}

  async list(): Promise<TierView[]> {
    const tiers = await this.tiers.find({ order: { requestsPerMinute: 'ASC' } });
    return tiers.map((tier) => toTierView(tier, this.config.ceilings));
  }

  async requireTier(name: string): Promise<Tier> {
    const tier = await this.tiers.findOneBy({ name });
    if (!tier) throw notFound('Tier', name);
    return tier;
  }

  /** Takes effect on every instance at once: cached principals carry their tier and are dropped. */
  async update(name: string, patch: UpdateTierDto, actor: string): Promise<TierView> {
    const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    if (Object.keys(changes).length === 0) {
      throw problem('validation_failed', 'Give at least one limit to change', { field: 'body' });
    }
    const tier = await this.requireTier(name);
    const before = toTierView(tier, this.config.ceilings).configured;
    Object.assign(tier, changes);
    const saved = await this.tiers.manager.transaction(async (manager) => {
      const updated = await manager.save(tier);
      await this.audit.record(manager, { actor, action: 'tier.update', targetType: 'tier', targetId: name, details: { changes, before } });
      return updated;
    });
    await this.bus.publish({ scope: 'tiers' });
    return toTierView(saved, this.config.ceilings);
  }
}

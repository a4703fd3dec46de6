import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { keysetPage } from '../http/cursor';
import { problem, notFound } from '../http/problem';
import { InvalidationBus } from '../redis/invalidation-bus.service';
import { Tier } from '../schema/tier.entity';
import { Account } from '../schema/account.entity';
import { CreateAccountDto, UpdateAccountDto } from './account-dtos';
import { AccountPage, AccountView, toAccountView } from './account-views';

@Injectable()
export class AccountsService {
  constructor(
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
    private readonly audit: AuditService,
    private readonly bus: InvalidationBus,
  ) {}

  async create(request: CreateAccountDto, actor: string): Promise<AccountView> {
    return this.accounts.manager.transaction(async (manager) => {
      await this.requireTier(manager, request.tier);
      const account = await manager.save(manager.create(Account, { name: request.name, email: request.email ?? null, tierName: request.tier }));
      await this.audit.record(manager, {
        actor,
        action: 'account.create',
        targetType: 'account',
        targetId: account.id,
        details: { name: account.name, tier: account.tierName },
      });
      return toAccountView(account);
    });
  }

  async list(page: { limit: number; cursor?: string }): Promise<AccountPage> {
    const { page: accounts, nextCursor } = await keysetPage(this.accounts.createQueryBuilder('account'), page);
    return { items: accounts.map(toAccountView), nextCursor };
  }

  async get(id: string): Promise<AccountView> {
    const account = await this.accounts.findOneBy({ id });
    if (!account) throw notFound('Account', id);
    return toAccountView(account);
  }

  async update(id: string, patch: UpdateAccountDto, actor: string): Promise<AccountView> {
    const updated = await this.accounts.manager.transaction(async (manager) => {
      const account = await manager.findOne(Account, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!account) throw notFound('Account', id);
      const before = toAccountView(account);
      if (patch.tier !== undefined) {
        await this.requireTier(manager, patch.tier);
        account.tierName = patch.tier;
      }
      if (patch.name !== undefined) account.name = patch.name;
      if (patch.status !== undefined) account.status = patch.status;
      const saved = await manager.save(account);
      await this.audit.record(manager, {
        actor,
        action: 'account.update',
        targetType: 'account',
        targetId: id,
        details: { changes: { ...patch }, before: { name: before.name, tier: before.tier, status: before.status } },
      });
      return saved;
    });
    await this.bus.publish({ scope: 'principals' });
    return toAccountView(updated);
  }

  private async requireTier(manager: EntityManager, name: string): Promise<void> {
    if (!(await manager.existsBy(Tier, { name }))) {
      const known = (await manager.find(Tier)).map((tier) => tier.name);
      throw problem('unknown_tier', `There is no tier "${name}"; the tiers are ${known.join(', ')}`, { field: 'tier' });
    }
  }
}

import type { EntityManager } from 'typeorm';
import { Account } from '../schema/account.entity';

/**
 * Whether the account is suspended (or gone) now: queued work accepted before a suspension is
 * looked at again when an executor takes it, and not started.
 */
export async function accountSuspended(manager: EntityManager, accountId: string): Promise<boolean> {
  const account = await manager.findOne(Account, { where: { id: accountId }, select: { id: true, status: true } });
  return account?.status !== 'active';
}

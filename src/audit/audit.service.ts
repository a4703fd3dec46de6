import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  /** Written in the caller's transaction, so an action and its audit entry land together or not at all. */
  async record(manager: EntityManager, entry: AuditRecord): Promise<void> {
    await manager.save(manager.create(AuditEntry, { ...entry, details: entry.details ?? {} }));
  }

  list(options: { limit: number; before?: number; targetId?: string; action?: string }): Promise<AuditEntry[]> {
    const query = this.entries.createQueryBuilder('entry').orderBy('entry.id', 'DESC').limit(options.limit);
    if (options.before) query.andWhere('entry.id < :before', { before: options.before });
    if (options.targetId) query.andWhere('entry.target_id = :target', { target: options.targetId });
    if (options.action) query.andWhere('entry.action = :action', { action: options.action });
    return query.getMany();
  }
}

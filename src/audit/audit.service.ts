import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { keysetPage, SERIAL_ID } from '../http/cursor';
import { CursorPage } from '../http/pagination';
import { AuditEntry } from '../schema/audit-entry.entity';

export interface AuditRecord {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
}

export class AuditPage extends CursorPage(AuditEntry) {}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  /** Written in the caller's transaction, so an action and its audit entry land together or not at all. */
  async record(manager: EntityManager, entry: AuditRecord): Promise<void> {
    await manager.save(manager.create(AuditEntry, { ...entry, details: entry.details ?? {} }));
  }

  async list(options: { limit: number; cursor?: string; targetId?: string; action?: string }): Promise<AuditPage> {
    const query = this.entries.createQueryBuilder('entry');
    if (options.targetId) query.andWhere('entry.target_id = :target', { target: options.targetId });
    if (options.action) query.andWhere('entry.action = :action', { action: options.action });
    const { page, nextCursor } = await keysetPage(query, options, SERIAL_ID);
    return { items: page, nextCursor };
  }
}

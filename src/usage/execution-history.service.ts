import { Injectable } from '@nestjs/common';
import { CursorPage } from '../http/pagination';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { keysetPage } from '../http/cursor';
import { notFound } from '../http/problem';
import { ExecutionRecord } from '../schema/execution-record.entity';

export interface ExecutionFilter {
  limit: number;
  cursor?: string;
  status?: string;
  from?: Date;
  to?: Date;
  keyId?: string;
}

export class ExecutionPage extends CursorPage(ExecutionRecord) {}

/** The execution records of one account, newest first. */
@Injectable()
export class ExecutionHistoryService {
  constructor(@InjectRepository(ExecutionRecord) private readonly records: Repository<ExecutionRecord>) {}

  async list(accountId: string, filter: ExecutionFilter): Promise<ExecutionPage> {
    const query = this.records.createQueryBuilder('e').where('e.account_id = :accountId', { accountId });
    if (filter.status) query.andWhere('e.status = :status', { status: filter.status });
    if (filter.from) query.andWhere('e.created_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('e.created_at < :to', { to: filter.to });
    if (filter.keyId) query.andWhere('e.key_id = :keyId', { keyId: filter.keyId });
    const { page, nextCursor } = await keysetPage(query, filter);
    return { items: page, nextCursor };
  }

  async get(accountId: string, id: string): Promise<ExecutionRecord> {
    const record = await this.records.findOneBy({ id, accountId });
    if (!record) throw notFound('Execution', id);
    return record;
  }
}

import { Injectable } from '@nestjs/common';
import { ApiProperty, IntersectionType, PartialType } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { decodeCursor, pageOf } from '../http/cursor';
import { notFound } from '../http/problem';
import { ExecutionRecord, StoredResult } from './execution-record.entity';

export interface ExecutionFilter {
  limit: number;
  cursor?: string;
  status?: string;
  from?: Date;
  to?: Date;
  keyId?: string;
}

export class ExecutionPage {
  @ApiProperty({ type: [ExecutionRecord] }) items: ExecutionRecord[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last one' })
  nextCursor: string | null;
}

/** One execution record, with the output of an async run once it has ended. */
export class ExecutionDetail extends IntersectionType(ExecutionRecord, PartialType(StoredResult)) {}

/** The execution records of one account, newest first. */
@Injectable()
export class ExecutionHistoryService {
  constructor(@InjectRepository(ExecutionRecord) private readonly records: Repository<ExecutionRecord>) {}

  async list(accountId: string, filter: ExecutionFilter): Promise<ExecutionPage> {
    const query = this.records
      .createQueryBuilder('e')
      .where('e.account_id = :accountId', { accountId })
      .orderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(filter.limit + 1);
    if (filter.status) query.andWhere('e.status = :status', { status: filter.status });
    if (filter.from) query.andWhere('e.created_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('e.created_at < :to', { to: filter.to });
    if (filter.keyId) query.andWhere('e.key_id = :keyId', { keyId: filter.keyId });
    const after = decodeCursor(filter.cursor);
    if (after) query.andWhere('(e.created_at, e.id) < (:at, :id)', after);
    const { page, nextCursor } = pageOf(await query.getMany(), filter.limit);
    return { items: page, nextCursor };
  }

  async get(accountId: string, id: string): Promise<ExecutionDetail> {
    const record = await this.records
      .createQueryBuilder('e')
      .addSelect('e.result')
      .where('e.id = :id AND e.account_id = :accountId', { id, accountId })
      .getOne();
    if (!record) throw notFound('Execution', id);
    const { result, ...fields } = record;
    return { ...fields, ...(result ?? {}) };
  }
}

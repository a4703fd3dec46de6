import { Injectable } from '@nestjs/common';
import { CursorPage } from '../http/pagination';
import { assertInOrder } from './usage.service';
import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { keysetPage } from '../http/cursor';
import { notFound } from '../http/problem';
import { CallbackAttempts } from '../callbacks/callback-attempts.service';
import { CallbackView } from '../callbacks/callback-view';
import { ExecutionRecord, StoredResult } from '../schema/execution-record.entity';

export interface ExecutionFilter {
  limit: number;
  cursor?: string;
  status?: string;
  from?: Date;
  to?: Date;
  keyId?: string;
}

export class ExecutionPage extends CursorPage(ExecutionRecord) {}

/** One execution record, with the output of an async run once it has ended. */
export class ExecutionDetail extends IntersectionType(ExecutionRecord, PartialType(StoredResult)) {
  @ApiPropertyOptional({ type: CallbackView, description: 'With a `callbackUrl`: whether it was delivered, and every attempt' })
  callback?: CallbackView;
}

/** The execution records of one account, newest first. */
@Injectable()
export class ExecutionHistoryService {
  constructor(
    @InjectRepository(ExecutionRecord) private readonly records: Repository<ExecutionRecord>,
    private readonly callbacks: CallbackAttempts,
  ) {}

  async list(accountId: string, filter: ExecutionFilter): Promise<ExecutionPage> {
    assertInOrder(filter.from, filter.to);
    const query = this.records.createQueryBuilder('e').where('e.account_id = :accountId', { accountId });
    if (filter.status) query.andWhere('e.status = :status', { status: filter.status });
    if (filter.from) query.andWhere('e.created_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('e.created_at < :to', { to: filter.to });
    if (filter.keyId) query.andWhere('e.key_id = :keyId', { keyId: filter.keyId });
    const { page, nextCursor } = await keysetPage(query, filter);
    return { items: page, nextCursor };
  }

  async get(accountId: string, id: string): Promise<ExecutionDetail> {
    const detail = await this.find(id);
    if (!detail || detail.accountId !== accountId) throw notFound('Execution', id);
    return detail;
  }

  /** The detail of any account's execution, null when there is none: for its callback. */
  async find(id: string): Promise<ExecutionDetail | null> {
    const record = await this.records.createQueryBuilder('e').addSelect('e.result').where('e.id = :id', { id }).getOne();
    if (!record) return null;
    const { result, ...fields } = record;
    const callback = await this.callbacks.view('execution', id, record.callbackUrl);
    return { ...fields, ...(result ?? {}), ...(callback ? { callback } : {}) };
  }
}

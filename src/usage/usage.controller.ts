import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID } from 'class-validator';
import { AdminOnly, CurrentKey } from '../auth/auth.decorators';
import { KeyPrincipal } from '../auth/principal';
import { IntegerField, TimestampField } from '../http/field-rules';
import { UuidParam } from '../http/uuid-param.pipe';
import { ExecutionHistoryService } from './execution-history.service';
import { UsageQuery } from './usage-query.dto';
import { UsageService } from './usage.service';

const STATUSES = ['success', 'exit_error', 'trap', 'time_limit_exceeded', 'memory_limit_exceeded', 'output_limit_exceeded', 'internal_error', 'invalid_module'];

class ExecutionListQuery {
  @IsOptional() @IntegerField(1, 200) limit = 50;
  @IsOptional() @IsString() cursor?: string;
  @IsOptional() @IsIn(STATUSES) status?: string;
  @IsOptional() @TimestampField() from?: Date;
  @IsOptional() @TimestampField() to?: Date;
  @IsOptional() @IsUUID() keyId?: string;
}

class AdminUsageQuery {
  @IsOptional() @TimestampField() from?: Date;
  @IsOptional() @TimestampField() to?: Date;
  @IsOptional() @IntegerField(1, 100) top = 10;
}

@ApiTags('usage')
@ApiBearerAuth()
@Controller('api/v1')
export class UsageController {
  constructor(
    private readonly history: ExecutionHistoryService,
    private readonly usage: UsageService,
  ) {}

  @Get('executions')
  list(@Query() query: ExecutionListQuery, @CurrentKey() principal: KeyPrincipal) {
    return this.history.list(principal.account.id, query);
  }

  @Get('executions/:id')
  get(@Param('id', new UuidParam('Execution')) id: string, @CurrentKey() principal: KeyPrincipal) {
    return this.history.get(principal.account.id, id);
  }

  /** The account's usage over a range (default: the last 24 hours, hourly). */
  @Get('usage')
  report(@Query() query: UsageQuery, @CurrentKey() principal: KeyPrincipal) {
    const { from, to } = this.usage.resolveRange(query);
    const scope = { accountId: principal.account.id, keyId: query.keyId ?? null, from, to };
    return this.usage.report(scope, query.bucket, query.groupBy === 'key');
  }

  @AdminOnly()
  @Get('admin/usage')
  overview(@Query() query: AdminUsageQuery) {
    const { from, to } = this.usage.resolveRange({ from: query.from, to: query.to, bucket: 'day' });
    return this.usage.overview(from, to, query.top);
  }
}

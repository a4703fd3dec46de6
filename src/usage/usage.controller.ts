import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { AdminOnly, CurrentKey } from '../access/auth.decorators';
import { KeyPrincipal } from '../access/principal';
import { TimestampField } from '../http/field-rules';
import { CursorPageQuery, PageLimit } from '../http/pagination';
import { IdParam } from '../http/uuid-param.pipe';
import { ApiProblems } from '../http/api-problems';
import { ApiOptionalDateTime } from '../http/api-properties';
import { ExecutionDetail, ExecutionPage, ExecutionHistoryService } from './execution-history.service';
import { EXECUTION_STATUSES, type ExecutionStatus } from '../common/execution-statuses';
import { ExecutionRecord } from '../schema/execution-record.entity';
import { UsageQuery } from './usage-query.dto';
import { UsageService } from './usage.service';
import { UsageOverview, UsageReport } from './usage-views';

class ExecutionListQuery extends CursorPageQuery {
  @ApiPropertyOptional({ enum: EXECUTION_STATUSES, enumName: 'RecordedStatus' })
  @IsOptional() @IsIn(EXECUTION_STATUSES) status?: ExecutionStatus;

  @ApiOptionalDateTime({ description: 'Executions from this time on' })
  @IsOptional() @TimestampField() from?: Date;

  @ApiOptionalDateTime({ description: 'Executions before this time' })
  @IsOptional() @TimestampField() to?: Date;

  @ApiPropertyOptional({ format: 'uuid', description: "Only this key's executions" })
  @IsOptional() @IsUUID() keyId?: string;
}

class AdminUsageQuery {
  @ApiOptionalDateTime({ description: 'Default: 24 hours before `to`' })
  @IsOptional() @TimestampField() from?: Date;

  @ApiOptionalDateTime({ description: 'Default: now' })
  @IsOptional() @TimestampField() to?: Date;

  @PageLimit(100, 10, 'How many of the busiest accounts and keys') top = 10;
}

@ApiTags('usage')
@Controller('api/v1')
export class UsageController {
  constructor(
    private readonly history: ExecutionHistoryService,
    private readonly usage: UsageService,
  ) {}

  @Get('executions')
  @ApiOperation({ summary: "The account's execution records, newest first" })
  @ApiProblems('invalid_cursor', 'invalid_range')
  @ApiOkResponse({ type: ExecutionPage })
  listExecutions(@Query() query: ExecutionListQuery, @CurrentKey() principal: KeyPrincipal) {
    return this.history.list(principal.account.id, query);
  }

  @Get('executions/:id')
  @ApiOperation({ summary: 'One execution record of the account', description: 'An async run is `queued`, then `running`, then final, with its output (`stdout`, `stderr`, ...) once it has ended.' })
  @ApiOkResponse({ type: ExecutionDetail })
  getExecution(@IdParam('Execution') id: string, @CurrentKey() principal: KeyPrincipal) {
    return this.history.get(principal.account.id, id);
  }

  @Get('usage')
  @ApiOperation({ summary: "The account's usage over a range", description: 'Default: the last 24 hours, hourly.' })
  @ApiProblems('invalid_range', 'not_found')
  @ApiOkResponse({ type: UsageReport })
  getUsage(@Query() query: UsageQuery, @CurrentKey() principal: KeyPrincipal) {
    const { from, to } = this.usage.resolveRange(query);
    const scope = { accountId: principal.account.id, keyId: query.keyId ?? null, from, to };
    return this.usage.report(scope, query.bucket, query.groupBy === 'key');
  }

  @AdminOnly()
  @Get('admin/usage')
  @ApiOperation({ summary: 'Usage across accounts, with the busiest accounts and keys', description: 'Default: the last 24 hours.' })
  @ApiProblems('invalid_range')
  @ApiOkResponse({ type: UsageOverview })
  getUsageOverview(@Query() query: AdminUsageQuery) {
    const { from, to } = this.usage.resolveRange({ from: query.from, to: query.to, bucket: 'day' });
    return this.usage.overview(from, to, query.top);
  }
}

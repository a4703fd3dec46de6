import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { AdminOnly } from '../access/auth.decorators';
import { TextField } from '../http/field-rules';
import { CursorPageQueryOf } from '../http/pagination';
import { ApiProblems } from '../http/api-problems';
import { AuditPage, AuditService } from './audit.service';

class AuditQuery extends CursorPageQueryOf(500, 100) {
  @ApiPropertyOptional() @IsOptional() @TextField() targetId?: string;

  @ApiPropertyOptional({ example: 'key.rotate' }) @IsOptional() @TextField() action?: string;
}

@ApiTags('admin')
@AdminOnly()
@Controller('api/v1/admin/audit')
export class AdminAuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'The audit log of administrative actions, newest first' })
  @ApiProblems('invalid_cursor')
  @ApiOkResponse({ type: AuditPage })
  listAuditEntries(@Query() query: AuditQuery) {
    return this.audit.list(query);
  }
}

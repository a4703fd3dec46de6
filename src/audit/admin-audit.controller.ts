import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { AdminOnly } from '../access/auth.decorators';
import { IntegerField, TextField } from '../http/field-rules';
import { PageLimit } from '../http/pagination';
import { ApiOptionalInteger } from '../openapi/properties';
import { AuditEntry } from './audit-entry.entity';
import { AuditService } from './audit.service';

class AuditQuery {
  @PageLimit(500, 100) limit = 100;

  @ApiOptionalInteger({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: "Entries older than this id (the previous page's last id)" })
  @IsOptional() @IntegerField(1) before?: number;

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
  @ApiOkResponse({ type: [AuditEntry] })
  list(@Query() query: AuditQuery) {
    return this.audit.list(query);
  }
}

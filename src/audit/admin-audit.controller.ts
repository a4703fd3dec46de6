import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsNumberString, IsOptional, IsString } from 'class-validator';
import { AdminOnly } from '../auth/auth.decorators';
import { PageLimit } from '../http/pagination';
import { AuditEntry } from './audit-entry.entity';
import { AuditService } from './audit.service';

class AuditQuery {
  @PageLimit(500, 100) limit = 100;

  @ApiPropertyOptional({ pattern: '^[0-9]+$', description: "Entries older than this id (the previous page's last id)" })
  @IsOptional() @IsNumberString() before?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() targetId?: string;

  @ApiPropertyOptional({ example: 'key.rotate' }) @IsOptional() @IsString() action?: string;
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

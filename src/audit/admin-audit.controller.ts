import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { AdminOnly } from '../auth/auth.decorators';
import { IntegerField, TextField } from '../http/field-rules';
import { AuditService } from './audit.service';

class AuditQuery {
  @IsOptional() @IntegerField(1, 500) limit = 100;
  /** Entries older than this id (the previous page's last id). */
  @IsOptional() @IntegerField(1) before?: number;
  @IsOptional() @TextField() targetId?: string;
  @IsOptional() @TextField() action?: string;
}

@ApiTags('admin')
@ApiBearerAuth()
@AdminOnly()
@Controller('api/v1/admin/audit')
export class AdminAuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  list(@Query() query: AuditQuery) {
    return this.audit.list(query);
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumberString, IsOptional, IsString, Max, Min } from 'class-validator';
import { AdminOnly } from '../auth/auth.decorators';
import { AuditService } from './audit.service';

class AuditQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 100;
  /** Entries older than this id (the previous page's last id). */
  @IsOptional() @IsNumberString() before?: string;
  @IsOptional() @IsString() targetId?: string;
  @IsOptional() @IsString() action?: string;
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

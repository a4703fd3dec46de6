import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { UuidParam } from '../http/uuid-param.pipe';
import { ApiKeysService } from './api-keys.service';
import { AdminOnly, CurrentPrincipal } from './auth.decorators';
import { UpdateKeyDto } from './key-dtos';
import { Principal } from './principal';

class KeyListQuery {
  @IsOptional() @IsUUID() accountId?: string;
}

@ApiTags('admin')
@ApiBearerAuth()
@AdminOnly()
@Controller('api/v1/admin/keys')
export class AdminKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  list(@Query() query: KeyListQuery) {
    return this.keys.list(query.accountId);
  }

  /** Rename, change scopes, or expire a key (an expiry now or in the past ends it at once). */
  @Patch(':id')
  update(@Param('id', new UuidParam('Key')) id: string, @Body() body: UpdateKeyDto, @CurrentPrincipal() principal: Principal) {
    return this.keys.update(id, body, principal);
  }
}

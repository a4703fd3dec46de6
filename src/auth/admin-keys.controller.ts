import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { CursorPageQuery } from '../http/pagination';
import { IdParam } from '../http/uuid-param.pipe';
import { ApiProblems } from '../http/api-problems';
import { ApiKeysService } from './api-keys.service';
import { AdminOnly, CurrentPrincipal } from '../access/auth.decorators';
import { UpdateKeyDto } from './key-dtos';
import { KeyPage, KeyView } from './key-views';
import { Principal } from '../access/principal';

class KeyListQuery extends CursorPageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "Only this account's keys" })
  @IsOptional() @IsUUID() accountId?: string;
}

@ApiTags('admin')
@AdminOnly()
@Controller('api/v1/admin/keys')
export class AdminKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @ApiOperation({ summary: 'Keys of every account (or one), newest first' })
  @ApiProblems('invalid_cursor')
  @ApiOkResponse({ type: KeyPage })
  listAllKeys(@Query() query: KeyListQuery) {
    return this.keys.list(query, query.accountId);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename a key, change its scopes, or expire it', description: 'An expiry now or in the past ends the key at once.' })
  @ApiProblems('key_retired')
  @ApiOkResponse({ type: KeyView })
  updateKey(@IdParam('Key') id: string, @Body() body: UpdateKeyDto, @CurrentPrincipal() principal: Principal) {
    return this.keys.update(id, body, principal);
  }
}

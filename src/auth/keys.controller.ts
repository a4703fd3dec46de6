import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CursorPageQuery } from '../http/pagination';
import { IdParam } from '../http/uuid-param.pipe';
import { ApiProblems } from '../http/api-problems';
import { ApiKeysService } from './api-keys.service';
import { CurrentKey, CurrentPrincipal } from '../access/auth.decorators';
import { RotateKeyDto } from './key-dtos';
import { IssuedKey, KeyPage, KeyView } from './key-views';
import { KeyPrincipal, Principal } from '../access/principal';

/** What a key holder may do with keys: list its account's keys, rotate or revoke one of them. */
@ApiTags('keys')
@Controller('api/v1/keys')
export class KeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @ApiOperation({ summary: "The keys of the calling key's account, newest first" })
  @ApiProblems('invalid_cursor')
  @ApiOkResponse({ type: KeyPage })
  listKeys(@Query() page: CursorPageQuery, @CurrentKey() principal: KeyPrincipal) {
    return this.keys.list(page, principal.account.id);
  }

  @Post(':id/rotate')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Replace a key of the account', description: 'A new key with the same name and scopes; the old one works for `graceSeconds` more.' })
  @ApiProblems('forbidden', 'scope_not_held', 'key_retired')
  @ApiCreatedResponse({ type: IssuedKey, description: 'The new key, shown this once' })
  rotateKey(@IdParam('Key') id: string, @Body() body: RotateKeyDto, @CurrentPrincipal() principal: Principal) {
    return this.keys.rotate(id, body.graceSeconds ?? 0, principal);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke a key of the account (the calling key may revoke itself)' })
  @ApiProblems('forbidden', 'scope_not_held', 'key_retired')
  @ApiOkResponse({ type: KeyView, description: 'The key, revoked' })
  revokeKey(@IdParam('Key') id: string, @CurrentPrincipal() principal: Principal) {
    return this.keys.revoke(id, principal);
  }
}

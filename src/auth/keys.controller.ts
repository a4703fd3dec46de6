import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../http/uuid-param.pipe';
import { ApiKeysService } from './api-keys.service';
import { CurrentKey, CurrentPrincipal } from './auth.decorators';
import { RotateKeyDto } from './key-dtos';
import { KeyPrincipal, Principal } from './principal';

/** What a key holder may do with keys: list its account's keys, rotate or revoke one of them. */
@ApiTags('keys')
@ApiBearerAuth()
@Controller('api/v1/keys')
export class KeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  list(@CurrentKey() principal: KeyPrincipal) {
    return this.keys.list(principal.account.id);
  }

  @Post(':id/rotate')
  @HttpCode(HttpStatus.CREATED)
  rotate(@Param('id', new UuidParam('Key')) id: string, @Body() body: RotateKeyDto, @CurrentPrincipal() principal: Principal) {
    return this.keys.rotate(id, body.graceSeconds ?? 0, principal);
  }

  @Delete(':id')
  revoke(@Param('id', new UuidParam('Key')) id: string, @CurrentPrincipal() principal: Principal) {
    return this.keys.revoke(id, principal);
  }
}

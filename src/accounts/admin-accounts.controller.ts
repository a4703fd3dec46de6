import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminOnly, CurrentPrincipal } from '../auth/auth.decorators';
import { ApiKeysService } from '../auth/api-keys.service';
import { CreateKeyDto } from '../auth/key-dtos';
import { actorOf, Principal } from '../auth/principal';
import { PageQuery } from '../http/pagination';
import { UuidParam } from '../http/uuid-param.pipe';
import { CreateAccountDto, UpdateAccountDto } from './account-dtos';
import { AccountsService } from './accounts.service';

@ApiTags('admin')
@ApiBearerAuth()
@AdminOnly()
@Controller('api/v1/admin/accounts')
export class AdminAccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly keys: ApiKeysService,
  ) {}

  @Post()
  create(@Body() body: CreateAccountDto, @CurrentPrincipal() principal: Principal) {
    return this.accounts.create(body, actorOf(principal));
  }

  @Get()
  list(@Query() page: PageQuery) {
    return this.accounts.list(page);
  }

  @Get(':id')
  get(@Param('id', new UuidParam('Account')) id: string) {
    return this.accounts.get(id);
  }

  @Patch(':id')
  update(@Param('id', new UuidParam('Account')) id: string, @Body() body: UpdateAccountDto, @CurrentPrincipal() principal: Principal) {
    return this.accounts.update(id, body, actorOf(principal));
  }

  @Post(':id/keys')
  @HttpCode(HttpStatus.CREATED)
  async createKey(@Param('id', new UuidParam('Account')) id: string, @Body() body: CreateKeyDto, @CurrentPrincipal() principal: Principal) {
    await this.accounts.get(id);
    return this.keys.create(id, body, principal);
  }
}

import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, CurrentPrincipal } from '../access/auth.decorators';
import { Principal } from '../access/principal';
import { AccountsService } from '../accounts/accounts.service';
import { IdParam } from '../http/uuid-param.pipe';
import { ApiKeysService } from './api-keys.service';
import { CreateKeyDto } from './key-dtos';
import { IssuedKey } from './key-views';

/** An admin issues a key for an account: a key's use case, under the account's path. */
@ApiTags('admin')
@AdminOnly()
@Controller('api/v1/admin/accounts')
export class AccountKeysController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly keys: ApiKeysService,
  ) {}

  @Post(':id/keys')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Create a key for the account' })
  @ApiCreatedResponse({ type: IssuedKey, description: 'The key, shown this once' })
  async createAccountKey(@IdParam('Account') id: string, @Body() body: CreateKeyDto, @CurrentPrincipal() principal: Principal) {
    await this.accounts.get(id);
    return this.keys.create(id, body, principal);
  }
}

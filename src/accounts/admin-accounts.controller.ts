import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, CurrentPrincipal } from '../access/auth.decorators';
import { actorOf, Principal } from '../access/principal';
import { CursorPageQuery } from '../http/pagination';
import { IdParam } from '../http/uuid-param.pipe';
import { ApiProblems } from '../http/api-problems';
import { CreateAccountDto, UpdateAccountDto } from './account-dtos';
import { AccountPage, AccountView } from './account-views';
import { AccountsService } from './accounts.service';

@ApiTags('admin')
@AdminOnly()
@Controller('api/v1/admin/accounts')
export class AdminAccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  @ApiOperation({ summary: 'Create an account on a tier' })
  @ApiProblems('unknown_tier')
  @ApiCreatedResponse({ type: AccountView })
  createAccount(@Body() body: CreateAccountDto, @CurrentPrincipal() principal: Principal) {
    return this.accounts.create(body, actorOf(principal));
  }

  @Get()
  @ApiOperation({ summary: 'Accounts, newest first' })
  @ApiProblems('invalid_cursor')
  @ApiOkResponse({ type: AccountPage })
  listAccounts(@Query() page: CursorPageQuery) {
    return this.accounts.list(page);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One account' })
  @ApiOkResponse({ type: AccountView })
  getAccount(@IdParam('Account') id: string) {
    return this.accounts.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Rename an account, change its tier, suspend or reactivate it", description: 'Effective at once on every instance.' })
  @ApiProblems('unknown_tier')
  @ApiOkResponse({ type: AccountView })
  updateAccount(@IdParam('Account') id: string, @Body() body: UpdateAccountDto, @CurrentPrincipal() principal: Principal) {
    return this.accounts.update(id, body, actorOf(principal));
  }
}

import { ApiProperty } from '@nestjs/swagger';
import { CursorPage } from '../http/pagination';
import { ApiDateTime, ApiInteger } from '../http/api-properties';
import { TIER_NAMES } from '../schema/tier.entity';
import { Account, ACCOUNT_STATUSES, type AccountStatus } from '../schema/account.entity';

export class AccountView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, format: 'email', nullable: true }) email: string | null;
  @ApiProperty({ example: TIER_NAMES[0], description: `A tier name: ${TIER_NAMES.join(', ')}` }) tier: string;
  @ApiProperty({ enum: ACCOUNT_STATUSES, enumName: 'AccountStatus' }) status: AccountStatus;
  @ApiDateTime() createdAt: Date;
  @ApiDateTime() updatedAt: Date;
}

export class AccountPage extends CursorPage(AccountView) {}

export function toAccountView(account: Account): AccountView {
  const { id, name, email, tierName, status, createdAt, updatedAt } = account;
  return { id, name, email, tier: tierName, status, createdAt, updatedAt };
}

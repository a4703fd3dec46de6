import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ACCOUNT_STATUSES, type AccountStatus } from './account.entity';

const NAME_LENGTH = 200;
const EMAIL_LENGTH = 320;
const TIER = { description: 'A tier of GET /api/v1/tiers', example: 'pro' };

export class CreateAccountDto {
  @ApiProperty({ minLength: 1, maxLength: NAME_LENGTH })
  @IsString() @IsNotEmpty() @MaxLength(NAME_LENGTH) name: string;

  @ApiPropertyOptional({ format: 'email', maxLength: EMAIL_LENGTH })
  @IsOptional() @IsEmail() @MaxLength(EMAIL_LENGTH) email?: string;

  @ApiProperty({ minLength: 1, ...TIER })
  @IsString() @IsNotEmpty() tier: string;
}

export class UpdateAccountDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: NAME_LENGTH })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(NAME_LENGTH) name?: string;

  @ApiPropertyOptional({ minLength: 1, ...TIER })
  @IsOptional() @IsString() @IsNotEmpty() tier?: string;

  @ApiPropertyOptional({ enum: ACCOUNT_STATUSES, enumName: 'AccountStatus', description: 'A suspended account cannot authenticate' })
  @IsOptional() @IsIn(ACCOUNT_STATUSES) status?: AccountStatus;
}

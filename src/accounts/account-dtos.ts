import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, MaxLength } from 'class-validator';
import { TextField } from '../http/field-rules';
import { ACCOUNT_STATUSES, type AccountStatus } from '../schema/account.entity';

const NAME_LENGTH = 200;
const EMAIL_LENGTH = 320;
const TIER = { description: 'A tier of GET /api/v1/tiers', example: 'pro' };

export class CreateAccountDto {
  @ApiProperty({ minLength: 1, maxLength: NAME_LENGTH })
  @TextField() @IsNotEmpty() @MaxLength(NAME_LENGTH) name: string;

  @ApiPropertyOptional({ format: 'email', maxLength: EMAIL_LENGTH })
  @IsOptional() @IsEmail() @MaxLength(EMAIL_LENGTH) email?: string;

  @ApiProperty({ minLength: 1, ...TIER })
  @TextField() @IsNotEmpty() tier: string;
}

export class UpdateAccountDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: NAME_LENGTH })
  @IsOptional() @TextField() @IsNotEmpty() @MaxLength(NAME_LENGTH) name?: string;

  @ApiPropertyOptional({ minLength: 1, ...TIER })
  @IsOptional() @TextField() @IsNotEmpty() tier?: string;

  @ApiPropertyOptional({ enum: ACCOUNT_STATUSES, enumName: 'AccountStatus', description: 'A suspended account cannot authenticate' })
  @IsOptional() @IsIn(ACCOUNT_STATUSES) status?: AccountStatus;
}

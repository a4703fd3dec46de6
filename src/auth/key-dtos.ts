import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsDate, IsIn, IsInt, IsOptional, IsString, MaxLength, Min, MinDate } from 'class-validator';
import { ApiOptionalDateTime, ApiOptionalInteger } from '../openapi/properties';
import { KEY_SCOPES, KeyScope } from './api-key.entity';

const NAME_LENGTH = 200;
const SCOPES = { enum: KEY_SCOPES, enumName: 'KeyScope', isArray: true, uniqueItems: true } as const;

export class CreateKeyDto {
  @ApiPropertyOptional({ maxLength: NAME_LENGTH })
  @IsOptional() @IsString() @MaxLength(NAME_LENGTH) name?: string;

  @ApiPropertyOptional({ ...SCOPES, description: 'Default: execute and modules; never one the caller lacks' })
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(KEY_SCOPES, { each: true })
  scopes?: KeyScope[];

  @ApiOptionalDateTime({ description: 'In the future; default: never' })
  @IsOptional() @Type(() => Date) @IsDate() @MinDate(() => new Date(), { message: 'expiresAt must be in the future' })
  expiresAt?: Date;
}

export class RotateKeyDto {
  @ApiOptionalInteger({ minimum: 0, default: 0, description: 'How long the old key keeps working, in seconds; 0 ends it at once' })
  @IsOptional() @IsInt() @Min(0) graceSeconds?: number;
}

export class UpdateKeyDto {
  @ApiPropertyOptional({ maxLength: NAME_LENGTH })
  @IsOptional() @IsString() @MaxLength(NAME_LENGTH) name?: string;

  @ApiPropertyOptional(SCOPES)
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(KEY_SCOPES, { each: true })
  scopes?: KeyScope[];

  @ApiOptionalDateTime({ nullable: true, description: 'Ends the key at this time (now or in the past expires it at once); null removes the expiry' })
  @IsOptional() @Type(() => Date) @IsDate() expiresAt?: Date | null;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsIn, IsOptional, MaxLength, MinDate, ValidateBy } from 'class-validator';
import { TextField, TimestampField } from '../http/field-rules';
import { ApiOptionalDateTime, ApiOptionalInteger } from '../http/api-properties';
import { KEY_SCOPES, KeyScope } from '../schema/api-key.entity';

const NAME_LENGTH = 200;
const SCOPES = { enum: KEY_SCOPES, enumName: 'KeyScope', isArray: true, uniqueItems: true } as const;

/** The longest a rotated key keeps working beside its successor: 30 days. */
export const MAX_GRACE_SECONDS = 30 * 86_400;

/** One check and one message for a value's type and range, so a wrong value is named once. */
function Allowed(allowed: string, check: (value: unknown) => boolean): PropertyDecorator {
  return ValidateBy({ name: 'allowed', validator: { validate: check, defaultMessage: (args) => `${args?.property} must be ${allowed}` } });
}

export class CreateKeyDto {
  @ApiPropertyOptional({ maxLength: NAME_LENGTH })
  @IsOptional() @TextField() @MaxLength(NAME_LENGTH) name?: string;

  @ApiPropertyOptional({ ...SCOPES, description: 'Default: execute and modules; never one the caller lacks' })
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(KEY_SCOPES, { each: true })
  scopes?: KeyScope[];

  @ApiOptionalDateTime({ description: 'In the future; default: never' })
  @IsOptional() @TimestampField() @MinDate(() => new Date(), { message: 'expiresAt must be in the future' })
  expiresAt?: Date;
}

export class RotateKeyDto {
  @ApiOptionalInteger({
    minimum: 0,
    maximum: MAX_GRACE_SECONDS,
    description: 'How long the old key keeps working, in seconds (at most 30 days); 0 (the default) ends it at once',
  })
  @IsOptional()
  @Allowed(`a whole number of seconds from 0 to ${MAX_GRACE_SECONDS} (30 days)`, (value) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_GRACE_SECONDS)
  graceSeconds?: number;
}

export class UpdateKeyDto {
  @ApiPropertyOptional({ maxLength: NAME_LENGTH })
  @IsOptional() @TextField() @MaxLength(NAME_LENGTH) name?: string;

  @ApiPropertyOptional(SCOPES)
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(KEY_SCOPES, { each: true })
  scopes?: KeyScope[];

  @ApiOptionalDateTime({ nullable: true, description: 'Ends the key at this time (now or in the past expires it at once); null removes the expiry' })
  @IsOptional() @TimestampField() expiresAt?: Date | null;
}

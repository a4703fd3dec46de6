import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsIn, IsOptional, IsString, MaxLength, ValidateBy } from 'class-validator';
import { KEY_SCOPES, KeyScope } from './api-key.entity';

/** The longest a rotated key keeps working beside its successor: 30 days. */
export const MAX_GRACE_SECONDS = 30 * 86_400;
/** Expiries a timestamptz column holds and a client can read back as a plain ISO date. */
const FIRST_EXPIRY = new Date('1970-01-01T00:00:00Z');
const LAST_EXPIRY = new Date('9999-12-31T23:59:59Z');
const EXPIRY_RANGE = `from ${FIRST_EXPIRY.toISOString()} to ${LAST_EXPIRY.toISOString()}`;

/** One check and one message for a value's type and range, so a wrong value is named once. */
function Allowed(allowed: string, check: (value: unknown) => boolean): PropertyDecorator {
  return ValidateBy({ name: 'allowed', validator: { validate: check, defaultMessage: (args) => `${args?.property} must be ${allowed}` } });
}

const isExpiry = (value: unknown): value is Date => value instanceof Date && value >= FIRST_EXPIRY && value <= LAST_EXPIRY;

export class CreateKeyDto {
  @IsOptional() @IsString() @MaxLength(200) name?: string;

  @IsOptional() @IsArray() @ArrayUnique() @IsIn(KEY_SCOPES, { each: true })
  scopes?: KeyScope[];

  @IsOptional() @Type(() => Date) @Allowed(`a date-time in the future, up to ${LAST_EXPIRY.toISOString()}`, (value) => isExpiry(value) && value > new Date())
  expiresAt?: Date;
}

export class RotateKeyDto {
  /** How long the old key keeps working; 0 (the default) ends it at once. */
  @IsOptional()
  @Allowed(`a whole number of seconds from 0 to ${MAX_GRACE_SECONDS} (30 days)`, (value) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_GRACE_SECONDS)
  graceSeconds?: number;
}

export class UpdateKeyDto {
  @IsOptional() @IsString() @MaxLength(200) name?: string;

  @IsOptional() @IsArray() @ArrayUnique() @IsIn(KEY_SCOPES, { each: true })
  scopes?: KeyScope[];

  /** Ends the key at this time (now or in the past expires it at once); null removes the expiry. */
  @IsOptional() @Type(() => Date) @Allowed(`a date-time ${EXPIRY_RANGE}`, isExpiry) expiresAt?: Date | null;
}

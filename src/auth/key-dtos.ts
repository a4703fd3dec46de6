import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsDate, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinDate } from 'class-validator';
import { KEY_SCOPES, KeyScope } from './api-key.entity';

export class CreateKeyDto {
  @IsOptional() @IsString() @MaxLength(200) name?: string;

  @IsOptional() @IsArray() @ArrayUnique() @IsIn(KEY_SCOPES, { each: true })
  scopes?: KeyScope[];

  @IsOptional() @Type(() => Date) @IsDate() @MinDate(() => new Date(), { message: 'expiresAt must be in the future' })
  expiresAt?: Date;
}

/** The longest a rotated key keeps working beside its successor: 30 days. */
export const MAX_GRACE_SECONDS = 30 * 86_400;
const GRACE_RANGE = { message: `graceSeconds must be a whole number of seconds from 0 to ${MAX_GRACE_SECONDS} (30 days)` };

export class RotateKeyDto {
  /** How long the old key keeps working; 0 (the default) ends it at once. */
  @IsOptional() @IsInt(GRACE_RANGE) @Min(0, GRACE_RANGE) @Max(MAX_GRACE_SECONDS, GRACE_RANGE) graceSeconds?: number;
}

export class UpdateKeyDto {
  @IsOptional() @IsString() @MaxLength(200) name?: string;

  @IsOptional() @IsArray() @ArrayUnique() @IsIn(KEY_SCOPES, { each: true })
  scopes?: KeyScope[];

  /** Ends the key at this time (now or in the past expires it at once); null removes the expiry. */
  @IsOptional() @Type(() => Date) @IsDate() expiresAt?: Date | null;
}

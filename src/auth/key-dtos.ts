import { ArrayUnique, IsArray, IsIn, IsInt, IsOptional, MaxLength, Min, MinDate } from 'class-validator';
import { TextField, TimestampField } from '../http/field-rules';
import { KEY_SCOPES, KeyScope } from './api-key.entity';

export class CreateKeyDto {
  @IsOptional() @TextField() @MaxLength(200) name?: string;

  @IsOptional() @IsArray() @ArrayUnique() @IsIn(KEY_SCOPES, { each: true })
  scopes?: KeyScope[];

  @IsOptional() @TimestampField() @MinDate(() => new Date(), { message: 'expiresAt must be in the future' })
  expiresAt?: Date;
}

export class RotateKeyDto {
  /** How long the old key keeps working; 0 (the default) ends it at once. */
  @IsOptional() @IsInt() @Min(0) graceSeconds?: number;
}

export class UpdateKeyDto {
  @IsOptional() @TextField() @MaxLength(200) name?: string;

  @IsOptional() @IsArray() @ArrayUnique() @IsIn(KEY_SCOPES, { each: true })
  scopes?: KeyScope[];

  /** Ends the key at this time (now or in the past expires it at once); null removes the expiry. */
  @IsOptional() @TimestampField() expiresAt?: Date | null;
}

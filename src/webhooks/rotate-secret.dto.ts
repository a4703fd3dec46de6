import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiOptionalInteger } from '../http/api-properties';

/** As long as a key's rotation grace may be. */
const MAX_GRACE_SECONDS = 30 * 86_400;

export class RotateWebhookSecretDto {
  @ApiOptionalInteger({
    minimum: 0,
    maximum: MAX_GRACE_SECONDS,
    description: 'How long callbacks carry a signature with the old secret too (seconds), so receivers can switch without missing one; default 0',
  })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_GRACE_SECONDS)
  graceSeconds?: number;
}

import { Inject, Injectable } from '@nestjs/common';
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { checkCallbackUrl, MAX_CALLBACK_URL_LENGTH } from './callback-url-policy';

export const CALLBACK_URL = [
  'Where to POST the result when the run ends: the same JSON as its GET, signed per Standard Webhooks',
  '(`webhook-id`, `webhook-timestamp`, `webhook-signature`) with the secret of GET /api/v1/webhooks/secret.',
  'https: only, and no loopback, private, link-local or metadata address, unless the server allows them.',
].join(' ');

/**
 * `callbackUrl` of a run or batch DTO: a string here; the policy (scheme, addresses) is the
 * service's to check with CallbackUrlChecker, because it depends on the settings, and its refusal
 * is `invalid_callback_url`, not `validation_failed`.
 */
export function CallbackUrlProperty(description = CALLBACK_URL): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ format: 'uri', maxLength: MAX_CALLBACK_URL_LENGTH, description, example: 'https://example.com/hooks/wasmwiz' }),
    IsOptional(),
    IsString(),
  );
}

/** Checks a submitted `callbackUrl` against this server's policy; for the run and batch services. */
@Injectable()
export class CallbackUrlChecker {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The URL when it may be a callback (undefined when none was given); `invalid_callback_url` otherwise. */
  check(url: string | undefined, field = 'callbackUrl'): string | undefined {
    return url === undefined ? undefined : checkCallbackUrl(url, this.config.webhooks, field);
  }
}

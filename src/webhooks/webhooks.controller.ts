import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentKey, CurrentKeyOnly, RequireScope } from '../access/auth.decorators';
import type { KeyPrincipal } from '../access/principal';
import { RotateWebhookSecretDto } from './rotate-secret.dto';
import { WebhookSecretsService } from './webhook-secrets.service';

export class WebhookSecretView {
  @ApiProperty({ pattern: '^whsec_[A-Za-z0-9+/=]+$', description: "The Standard Webhooks secret the account's callbacks are signed with" })
  secret: string;
}

@ApiTags('webhooks')
@Controller('api/v1/webhooks/secret')
export class WebhooksController {
  constructor(private readonly secrets: WebhookSecretsService) {}

  // A key that may give a callbackUrl may read what its callbacks are signed with; one replaced
  // by a rotation may not (whoever held a leaked key could sign callbacks after both were rotated).
  @Get()
  @RequireScope('execute')
  @CurrentKeyOnly()
  @ApiOperation({ summary: "The account's webhook signing secret, made on first use" })
  @ApiOkResponse({ type: WebhookSecretView })
  async getWebhookSecret(@CurrentKey() principal: KeyPrincipal): Promise<WebhookSecretView> {
    return { secret: await this.secrets.current(principal.account.id) };
  }

  // Replacing it breaks every receiver still holding the old one: a credential change, like a key's.
  @Post('rotate')
  @RequireScope('keys')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Replace the signing secret: callbacks sent from now on, retries included, are signed with the new one (and with the old one for `graceSeconds`)' })
  @ApiOkResponse({ type: WebhookSecretView })
  async rotateWebhookSecret(@Body() body: RotateWebhookSecretDto, @CurrentKey() principal: KeyPrincipal): Promise<WebhookSecretView> {
    return { secret: await this.secrets.rotate(principal, body.graceSeconds ?? 0) };
  }
}

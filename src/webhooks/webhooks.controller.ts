import { Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScope } from '../access/auth.decorators';
import type { KeyPrincipal } from '../access/principal';
import { WebhookSecretsService } from './webhook-secrets.service';

export class WebhookSecretView {
  @ApiProperty({ pattern: '^whsec_[A-Za-z0-9+/=]+$', description: "The Standard Webhooks secret the account's callbacks are signed with" })
  secret: string;
}

@ApiTags('webhooks')
@RequireScope('keys')
@Controller('api/v1/webhooks/secret')
export class WebhooksController {
  constructor(private readonly secrets: WebhookSecretsService) {}

  @Get()
  @ApiOperation({ summary: "The account's webhook signing secret, made on first use" })
  @ApiOkResponse({ type: WebhookSecretView })
  async secret(@CurrentKey() principal: KeyPrincipal): Promise<WebhookSecretView> {
    return { secret: await this.secrets.current(principal.account.id) };
  }

  @Post('rotate')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Replace the signing secret: callbacks sent from now on, retries included, are signed with the new one' })
  @ApiOkResponse({ type: WebhookSecretView })
  async rotate(@CurrentKey() principal: KeyPrincipal): Promise<WebhookSecretView> {
    return { secret: await this.secrets.rotate(principal) };
  }
}

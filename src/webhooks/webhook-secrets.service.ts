import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { actorOf, type KeyPrincipal } from '../access/principal';
import { AuditService } from '../audit/audit.service';
import { WebhookSecret } from './webhook-secret.entity';

/** Standard Webhooks' prefix of a secret; the rest is base64 of the HMAC key. */
const SECRET_PREFIX = 'whsec_';
/** 24 random bytes: the spec asks for 24 to 64. */
const SECRET_BYTES = 24;

function newSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

@Injectable()
export class WebhookSecretsService {
  constructor(
    @InjectRepository(WebhookSecret) private readonly secrets: Repository<WebhookSecret>,
    private readonly audit: AuditService,
  ) {}

  /** The account's secret, made on first use; two first uses at once get the same one. */
  async current(accountId: string): Promise<string> {
    const existing = await this.secrets.findOneBy({ accountId });
    if (existing) return existing.secret;
    await this.secrets
      .createQueryBuilder()
      .insert()
      .values({ accountId, secret: newSecret(), createdAt: new Date() })
      .orIgnore()
      .execute();
    return (await this.secrets.findOneByOrFail({ accountId })).secret;
  }

  /** A new secret for the account: every webhook from now on is signed with it, retries of older ones too. */
  async rotate(principal: KeyPrincipal): Promise<string> {
    const accountId = principal.account.id;
    const secret = newSecret();
    await this.secrets.manager.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(WebhookSecret)
        .values({ accountId, secret, createdAt: new Date() })
        .orUpdate(['secret', 'created_at'], ['account_id'])
        .execute();
      await this.audit.record(manager, { actor: actorOf(principal), action: 'webhook_secret.rotate', targetType: 'account', targetId: accountId });
    });
    return secret;
  }
}

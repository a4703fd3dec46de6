import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { actorOf, type KeyPrincipal } from '../access/principal';
import { AuditService } from '../audit/audit.service';
import { WebhookSecret } from '../schema/webhook-secret.entity';

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

  /**
   * The secrets a callback is signed with now: the current one, and for `graceSeconds` after a
   * rotation the one before (Standard Webhooks puts one signature per secret in the header), so
   * receivers can switch without losing a callback.
   */
  async signing(accountId: string): Promise<string[]> {
    const current = await this.current(accountId);
    const row = await this.secrets.findOneByOrFail({ accountId });
    const previousValid = row.previousSecret && row.previousUntil && row.previousUntil.getTime() > Date.now();
    return previousValid ? [current, row.previousSecret!] : [current];
  }

  /** A new secret for the account: every webhook from now on is signed with it (retries of older ones too), and with the old one for `graceSeconds`. */
  async rotate(principal: KeyPrincipal, graceSeconds: number): Promise<string> {
    const accountId = principal.account.id;
    const previous = await this.current(accountId);
    const secret = newSecret();
    const now = new Date();
    await this.secrets.manager.transaction(async (manager) => {
      await manager.update(WebhookSecret, { accountId }, { secret, createdAt: now, previousSecret: previous, previousUntil: new Date(now.getTime() + graceSeconds * 1000) });
      await this.audit.record(manager, { actor: actorOf(principal), action: 'webhook_secret.rotate', targetType: 'account', targetId: accountId, details: { graceSeconds } });
    });
    return secret;
  }
}

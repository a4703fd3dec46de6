import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { keysetPage } from '../http/cursor';
import { notFound, ProblemException } from '../http/problem';
import { InvalidationBus } from '../redis/invalidation-bus.service';
import { ApiKey, KeyScope } from '../schema/api-key.entity';
import { hashKey } from './key-hasher';
import { displayPrefix, generateKey } from './key-format';
import { IssuedKey, KeyPage, KeyView, toIssuedKey, toKeyView } from './key-views';
import { KnownKeys } from './known-keys.service';
import { assertExpiryChange, assertMayManage, assertRotatable } from './key-rules';
import { actorOf, Principal } from '../access/principal';
import { ServerSecrets } from './server-secrets';
import { CreateKeyDto, UpdateKeyDto } from './key-dtos';

const DEFAULT_SCOPES: KeyScope[] = ['execute', 'modules'];
/** The answers that refuse an act on a key (as opposed to failing it): each is audited. */
const REFUSALS = new Set<number>([HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT]);

@Injectable()
export class ApiKeysService {
  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly secrets: ServerSecrets,
    private readonly audit: AuditService,
    private readonly bus: InvalidationBus,
    private readonly knownKeys: KnownKeys,
  ) {}

  async create(accountId: string, request: CreateKeyDto, principal: Principal): Promise<IssuedKey> {
    return this.keys.manager.transaction(async (manager) => {
      const issued = await this.insertKey(manager, accountId, request.name ?? null, request.scopes ?? DEFAULT_SCOPES, request.expiresAt ?? null);
      await this.audit.record(manager, {
        actor: actorOf(principal),
        action: 'key.create',
        targetType: 'key',
        targetId: issued.id,
        details: { accountId, scopes: issued.scopes, expiresAt: issued.expiresAt },
      });
      return issued;
    });
  }

  async list(page: { limit: number; cursor?: string }, accountId?: string): Promise<KeyPage> {
    const query = this.keys.createQueryBuilder('key');
    if (accountId) query.where('key.account_id = :accountId', { accountId });
    const { page: keys, nextCursor } = await keysetPage(query, page);
    return { items: keys.map(toKeyView), nextCursor };
  }

  /**
   * A new key with the same account, name, scopes and expiry; the old one works only for the
   * grace period. The expiry is the old key's own (a temporary key stays temporary): a key in its
   * grace period is replaced already and cannot be rotated, so the successor never inherits a grace end.
   */
  rotate(keyId: string, graceSeconds: number, principal: Principal): Promise<IssuedKey> {
    return this.actOnKey('key.rotate', keyId, principal, async (manager, old) => {
      assertRotatable(old);
      const fresh = await this.insertKey(manager, old.accountId, old.name, old.scopes, old.expiresAt);
      const graceEnds = new Date(Date.now() + graceSeconds * 1000);
      old.replacedBy = fresh.id;
      if (graceSeconds === 0) {
        old.status = 'revoked';
        old.revokedAt = new Date();
      } else if (!old.expiresAt || old.expiresAt > graceEnds) {
        old.expiresAt = graceEnds;
      }
      await manager.save(old);
      return { result: fresh, details: { replacedBy: fresh.id, graceSeconds } };
    });
  }

  revoke(keyId: string, principal: Principal): Promise<KeyView> {
    return this.actOnKey('key.revoke', keyId, principal, async (manager, key) => {
      if (key.status !== 'revoked') {
        key.status = 'revoked';
        key.revokedAt = new Date();
        await manager.save(key);
      }
      return { result: toKeyView(key) };
    });
  }

  /** Admin: rename, change scopes, or set/clear the expiry (an expiry in the past ends the key at once). */
  update(keyId: string, patch: UpdateKeyDto, principal: Principal): Promise<KeyView> {
    return this.actOnKey('key.update', keyId, principal, async (manager, key) => {
      if (patch.expiresAt !== undefined) assertExpiryChange(key, patch.expiresAt);
      if (patch.name !== undefined) key.name = patch.name;
      if (patch.scopes !== undefined) key.scopes = patch.scopes;
      if (patch.expiresAt !== undefined) key.expiresAt = patch.expiresAt;
      await manager.save(key);
      return { result: toKeyView(key), details: { ...patch } };
    });
  }

  /**
   * One act on one key: in a transaction, on the key locked and allowed by assertMayManage,
   * audited as `action`; then every instance drops its cached principals. A refusal (no such key
   * for the caller, a missing scope, a retired key) is audited as `<action>.refused`, written apart
   * from the rolled-back transaction so that it stays.
   */
  private async actOnKey<T>(
    action: string,
    keyId: string,
    principal: Principal,
    act: (manager: EntityManager, key: ApiKey) => Promise<{ result: T; details?: Record<string, unknown> }>,
  ): Promise<T> {
    const entry = { actor: actorOf(principal), targetType: 'key', targetId: keyId };
    try {
      const result = await this.keys.manager.transaction(async (manager) => {
        const done = await act(manager, await this.manageable(manager, keyId, principal));
        await this.audit.record(manager, { ...entry, action, details: done.details });
        return done.result;
      });
      await this.bus.publish({ scope: 'principals' });
      return result;
    } catch (error) {
      if (error instanceof ProblemException && REFUSALS.has(error.getStatus())) {
        const details = { status: error.getStatus(), code: error.code, detail: error.detail };
        await this.audit.record(this.keys.manager, { ...entry, action: `${action}.refused`, details });
      }
      throw error;
    }
  }

  /** The key, locked for the change, when the caller may manage it (see assertMayManage). */
  private async manageable(manager: EntityManager, keyId: string, principal: Principal): Promise<ApiKey> {
    const key = await manager.findOne(ApiKey, { where: { id: keyId }, lock: { mode: 'pessimistic_write' } });
    if (!key) throw notFound('Key', keyId);
    assertMayManage(principal, key);
    return key;
  }

  private async insertKey(
    manager: EntityManager,
    accountId: string,
    name: string | null,
    scopes: KeyScope[],
    expiresAt: Date | null,
  ): Promise<IssuedKey> {
    const secret = generateKey();
    const keyHash = hashKey(this.secrets.apiSalt, secret);
    this.knownKeys.issued(keyHash);
    const key = manager.create(ApiKey, {
      accountId,
      name,
      prefix: displayPrefix(secret),
      keyHash,
      scopes,
      status: 'active',
      expiresAt,
    });
    const saved = await manager.save(key);
    return toIssuedKey(saved, secret);
  }
}

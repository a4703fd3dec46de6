import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { Counter } from 'prom-client';
import { Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { readOrKnown } from '../database/database-unavailable';
import { problem, unauthorized } from '../http/problem';
import { MetricsService } from '../metrics/metrics.service';
import { InvalidationBus } from '../redis/invalidation-bus.service';
import { effectiveLimits } from '../tiers/effective-limits';
import { ApiKey } from '../schema/api-key.entity';
import { secretsEqual } from '../access/secrets-equal';
import { hashKey } from './key-hasher';
import { isWellFormedKey, KEY_PREFIX } from './key-format';
import { isExpired } from './key-views';
import { KnownKeys } from './known-keys.service';
import { LastUsedTracker } from './last-used-tracker.service';
import type { Authenticator } from '../access/auth.guard';
import { KeyPrincipal, Principal } from '../access/principal';
import { ServerSecrets } from './server-secrets';

/** With invalidations arriving over Redis a cached key may live longer; without, a second at most. */
const TTL_WITH_BUS_MS = 30_000;
const TTL_WITHOUT_BUS_MS = 1_000;


export interface AuthenticateOptions {
  /**
   * Look up only keys the filter of issued keys may hold: for an address over its failure budget,
   * whose guesses must cost no database lookup while a real key still gets through.
   */
  knownKeysOnly?: boolean;
}

interface CachedKey {
  principal: KeyPrincipal | null;
  expiresAt: number;
}

/** A presented key's hash, and what it stands for while the cache entry lives. */
interface CachedCredential {
  keyHash: string;
  entry: CachedKey;
}

/**
 * Turns a presented credential into a principal: key → account → tier, through a short cache
 * (kept through a database outage). The cache is keyed by the credential as presented, so a hot
 * key costs no HMAC per request; what it stands for expires and is invalidated as before.
 */
@Injectable()
export class AuthService implements Authenticator {
  private readonly cache = new LRUCache<string, CachedCredential>({ max: 10_000 });
  private readonly lookups: Counter;

  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly secrets: ServerSecrets,
    private readonly lastUsed: LastUsedTracker,
    private readonly bus: InvalidationBus,
    private readonly knownKeys: KnownKeys,
    metrics: MetricsService,
  ) {
    bus.onInvalidate((event) => {
      if (event.scope === 'principals' || event.scope === 'tiers') this.cache.clear();
    });
    this.lookups = new Counter({
      name: 'wasmwiz_auth_key_lookups_total',
      help: 'API keys looked up in the database (not answered from the cache or refused by the filter of issued keys)',
      registers: [metrics.registry],
    });
  }

  async authenticate(credential: string | undefined, options: AuthenticateOptions = {}): Promise<Principal> {
    if (!credential) throw unauthorized('Send an API key as `Authorization: Bearer <key>` or `X-API-Key: <key>`');
    if (!credential.startsWith(KEY_PREFIX)) {
      if (secretsEqual(credential, this.secrets.adminToken)) return { kind: 'admin-token' };
      throw unauthorized('The credential is neither a WasmWiz API key nor the admin token');
    }
    if (!isWellFormedKey(credential)) throw unauthorized('The API key is malformed (its checksum does not match): check for a typo');
    const principal = await this.lookup(credential, options);
    if (!principal) throw unauthorized('The API key is unknown, revoked or expired');
    if (principal.account.status !== 'active') {
      throw problem('account_suspended', `The account ${principal.account.id} is suspended`);
    }
    this.lastUsed.touch(principal.key.id);
    return principal;
  }

  private async lookup(credential: string, options: AuthenticateOptions): Promise<KeyPrincipal | null> {
    const now = Date.now();
    const cached = this.cache.get(credential);
    const entry = cached?.entry;
    const known = entry && (!entry.principal || !isExpired(entry.principal.key, now)) ? entry : undefined;
    if (known && known.expiresAt > now) return known.principal;
    const keyHash = cached?.keyHash ?? hashKey(this.secrets.apiSalt, credential);
    // Not cached either: a flood of guesses must not push real keys out of the cache.
    if (options.knownKeysOnly && !this.knownKeys.mightExist(keyHash)) return null;
    return (await readOrKnown(() => this.read(credential, keyHash, now), known)).principal;
  }

  private async read(credential: string, keyHash: string, now: number): Promise<CachedKey> {
    this.lookups.inc();
    const key = await this.keys.findOne({ where: { keyHash }, relations: { account: { tier: true } } });
    const usable = key && key.status === 'active' && !isExpired(key, now) && secretsEqual(key.keyHash, keyHash);
    const principal: KeyPrincipal | null = usable
      ? {
          kind: 'key',
          key,
          account: key.account!,
          tier: key.account!.tier!,
          limits: effectiveLimits(key.account!.tier!, this.config.ceilings),
        }
      : null;
    const ttl = this.bus.connected ? TTL_WITH_BUS_MS : TTL_WITHOUT_BUS_MS;
    const entry = { principal, expiresAt: now + ttl };
    this.cache.set(credential, { keyHash, entry });
    return entry;
  }
}

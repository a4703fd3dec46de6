import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { InvalidationBus } from '../redis/invalidation-bus.service';
import { ApiKey } from '../schema/api-key.entity';
import { KeyHashFilter } from './key-hash-filter';

/** Rebuilt this often from the database: drops retired keys, and picks up any issue event missed while Redis was away. */
const RELOAD_EVERY_MS = 5 * 60_000;
/** Until a first load succeeds (the database was away at start), tried again this often. */
const RETRY_EVERY_MS = 5_000;
/** Room for the keys issued until the next reload. */
const HEADROOM = 2;

/**
 * Which key hashes may belong to a usable key, without a database lookup: loaded at start, told
 * of every key issued here and (over the invalidation bus) on the other instances. Until the
 * first load succeeds every key may be one.
 */
@Injectable()
export class KnownKeys implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(KnownKeys.name);
  private filter: KeyHashFilter | null = null;
  /** Keys issued while a reload reads the database, added again to the filter it builds. */
  private issuedDuringReload: string[] | null = null;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly bus: InvalidationBus,
  ) {
    bus.onInvalidate((event) => {
      if (event.scope === 'key-issued') this.add(event.keyHash);
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.reloadAndSchedule();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** False only when no usable key has this hash. */
  mightExist(keyHash: string): boolean {
    return this.filter?.mightContain(keyHash) ?? true;
  }

  /** Tells every instance of a key just issued (before its transaction commits: a filter may hold too much, never too little). */
  issued(keyHash: string): void {
    void this.bus.publish({ scope: 'key-issued', keyHash });
  }

  private async reloadAndSchedule(): Promise<void> {
    await this.reload();
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.reloadAndSchedule(), this.filter ? RELOAD_EVERY_MS : RETRY_EVERY_MS);
    this.timer.unref();
  }

  private async reload(): Promise<void> {
    this.issuedDuringReload = [];
    try {
      const rows: { hash: string }[] = await this.keys
        .createQueryBuilder('key')
        .select('key.key_hash', 'hash')
        .where("key.status = 'active'")
        .andWhere('(key.expires_at IS NULL OR key.expires_at > now())')
        .getRawMany();
      const filter = new KeyHashFilter(rows.length * HEADROOM);
      for (const { hash } of rows) filter.add(hash);
      for (const hash of this.issuedDuringReload) filter.add(hash);
      this.filter = filter;
    } catch (error) {
      this.logger.warn(`could not load the key hashes (${(error as Error).message}): every key is looked up until the next try`);
    } finally {
      this.issuedDuringReload = null;
    }
  }

  private add(keyHash: string): void {
    this.filter?.add(keyHash);
    this.issuedDuringReload?.push(keyHash);
  }
}

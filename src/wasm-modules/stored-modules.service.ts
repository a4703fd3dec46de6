import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { readOrKnown } from '../database/database-unavailable';
import { keysetPage } from '../http/cursor';
import { notFound } from '../http/problem';
import { InvalidationBus } from '../redis/invalidation-bus.service';
import { CompiledModuleCache, PreparedModule } from './compiled-module-cache.service';
import type { ModuleCaps } from './module-validator';
import { ModulePage, ModuleView, toModuleView } from './module-views';
import { ModuleBlob, StoredModule } from '../schema/stored-module.entity';

/** Module bytes are read in pieces of this size; see `storedBytes`. */
const READ_PIECE_BYTES = 1024 * 1024;
/**
 * Deleted on another instance, a module may still run here this long without Redis to say so (or
 * for as long as this instance cannot reach the database).
 */
const RUNNABLE_TTL_MS = 5_000;

export interface ModuleUpload {
  bytes: Buffer;
  sha256: string;
  name: string;
  description: string | null;
}

/** Modules stored per account, their bytes kept once per sha256. */
@Injectable()
export class StoredModulesService {
  /**
   * Rows outlive their TTL (stale, read again on the next run) so that they can be run through a
   * database outage. Timed by Date's clock, as the key cache is: a test ages both at once.
   */
  private readonly runnable = new LRUCache<string, StoredModule>({ max: 10_000, ttl: RUNNABLE_TTL_MS, noDeleteOnStaleGet: true, perf: Date });

  constructor(
    @InjectRepository(StoredModule) private readonly modules: Repository<StoredModule>,
    private readonly compiled: CompiledModuleCache,
    private readonly bus: InvalidationBus,
  ) {
    bus.onInvalidate((event) => {
      if (event.scope === 'module') this.runnable.delete(event.id);
    });
  }

  /** Validates once under the caller's caps; the same bytes stored again return the existing module. */
  async store(accountId: string, upload: ModuleUpload, caps: ModuleCaps): Promise<{ module: ModuleView; created: boolean }> {
    // The upload's bytes move to the checker's thread and come back with its verdict.
    const { summary, bytes } = await this.compiled.check(upload.bytes, upload.sha256, caps);
    const memory = summary.memory;
    return this.modules.manager.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(ModuleBlob)
        .values({ sha256: upload.sha256, sizeBytes: bytes.length, bytes })
        .orIgnore()
        .execute();
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(StoredModule)
        .values({
          accountId,
          sha256: upload.sha256,
          name: upload.name,
          description: upload.description,
          sizeBytes: bytes.length,
          imports: summary.imports,
          memoryMinPages: memory?.min ?? null,
          memoryMaxPages: memory?.max ?? null,
        })
        .orIgnore()
        .returning('*')
        .execute();
      const created = inserted.raw.length > 0;
      const module = await manager.findOneByOrFail(StoredModule, { accountId, sha256: upload.sha256 });
      return { module: toModuleView(module), created };
    });
  }

  async list(accountId: string, limit: number, cursor?: string): Promise<ModulePage> {
    const query = this.modules.createQueryBuilder('module').where('module.account_id = :accountId', { accountId });
    const { page, nextCursor } = await keysetPage(query, { limit, cursor });
    return { items: page.map(toModuleView), nextCursor };
  }

  async get(accountId: string, id: string): Promise<ModuleView> {
    return toModuleView(await this.owned(accountId, id));
  }

  /** Removes the account's module; its bytes go when no account stores them any more. */
  async remove(accountId: string, id: string): Promise<void> {
    this.runnable.delete(id);
    await this.modules.manager.transaction(async (manager) => {
      const module = await manager.findOneBy(StoredModule, { id, accountId });
      if (!module) throw notFound('Module', id);
      await manager.delete(StoredModule, { id });
      await manager.query(
        `DELETE FROM module_blobs b WHERE b.sha256 = $1 AND NOT EXISTS (SELECT 1 FROM modules m WHERE m.sha256 = b.sha256)`,
        [module.sha256],
      );
    });
    await this.bus.publish({ scope: 'module', id });
  }

  /** The account's module compiled under `caps`: from the cache, or from its stored bytes. */
  async prepareForRun(accountId: string, id: string, caps: ModuleCaps): Promise<{ module: StoredModule; prepared: PreparedModule }> {
    const module = await this.ownedForRun(accountId, id);
    const cached = this.compiled.lookup(module.sha256, caps);
    if (cached && module.sizeBytes <= caps.maxModuleBytes) return { module, prepared: await cached };
    const bytes = await this.storedBytes(module.sha256);
    if (!bytes) {
      // Deleted (on this instance or another) since its row was cached.
      this.runnable.delete(id);
      throw notFound('Module', id);
    }
    return { module, prepared: await this.compiled.prepare(bytes, module.sha256, caps) };
  }

  /**
   * A module's bytes, as 1 MiB pieces of one query. bytea comes back as hex text: read whole, a
   * module became a string twice its size in a receive buffer grown by doubling, several times
   * its size in garbage per read (README, Performance). The value is decompressed once (`|| ''` detoasts it into the materialized
   * CTE): cut from the stored, compressed value, each piece would decompress everything before it.
   */
  private async storedBytes(sha256: string): Promise<Buffer | null> {
    const pieces: { piece: Buffer }[] = await this.modules.manager.query(
      `WITH blob AS MATERIALIZED (SELECT bytes || ''::bytea AS bytes FROM module_blobs WHERE sha256 = $1)
       SELECT substring(blob.bytes FROM start FOR $2) AS piece
         FROM blob, generate_series(1, length(blob.bytes), $2) AS start
        ORDER BY start`,
      [sha256, READ_PIECE_BYTES],
    );
    // A wasm module has at least 8 bytes: no pieces means no row.
    return pieces.length === 0 ? null : Buffer.concat(pieces.map(({ piece }) => piece));
  }

  /** A module's row rarely changes (only deletion), so runs read it from a short cache. */
  private async ownedForRun(accountId: string, id: string): Promise<StoredModule> {
    const status: LRUCache.Status<string, StoredModule> = {};
    const cached = this.runnable.get(id, { allowStale: true, status });
    const known = cached?.accountId === accountId ? cached : undefined;
    if (known && status.get === 'hit') return known;
    return readOrKnown(() => this.readRunnable(accountId, id), known);
  }

  private async readRunnable(accountId: string, id: string): Promise<StoredModule> {
    const module = await this.modules.findOneBy({ id, accountId });
    if (!module) {
      this.runnable.delete(id);
      throw notFound('Module', id);
    }
    this.runnable.set(id, module);
    return module;
  }

  private async owned(accountId: string, id: string): Promise<StoredModule> {
    const module = await this.modules.findOneBy({ id, accountId });
    if (!module) throw notFound('Module', id);
    return module;
  }
}

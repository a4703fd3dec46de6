import { HttpStatus, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { readOrKnown } from '../database/database-unavailable';
import { keysetPage } from '../http/cursor';
import { notFound, ProblemException } from '../http/problem';
import { InvalidationBus } from '../redis/invalidation-bus.service';
import { CompiledModuleCache, PreparedModule } from './compiled-module-cache.service';
import type { ModuleSummary } from './module-check.worker';
import type { ModuleCaps } from './module-validator';
import { ModulePage, ModuleView, toModuleView } from './module-views';
import { ModuleBlobStore } from './module-blob-store';
import { describeRef, ModuleRef, moduleStorageFull, unknownModuleName, unknownModuleVersion } from './module-ref';
import { StoredModule } from '../schema/stored-module.entity';

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

/** The room an account's stored modules have: its tier's `maxStoredModuleBytes`. */
export interface ModuleStorage {
  maxStoredModuleBytes: number;
  tier: string;
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
    private readonly blobs: ModuleBlobStore,
    private readonly bus: InvalidationBus,
  ) {
    bus.onInvalidate((event) => {
      if (event.scope === 'module') this.runnable.delete(event.id);
    });
  }

  /**
   * Validates once under the caller's caps and stores the bytes unless their blob is stored
   * already. New bytes under a name make its next version; the bytes of its latest version
   * stored again under it return that version.
   */
  async store(accountId: string, upload: ModuleUpload, caps: ModuleCaps, storage: ModuleStorage): Promise<{ module: ModuleView; created: boolean }> {
    const sizeBytes = upload.bytes.length;
    // Before the check's cost (the latest version's bytes again take no room); settled under the account's lock.
    if ((await this.latestOf(this.modules.manager, accountId, upload.name))?.sha256 !== upload.sha256) {
      await this.refuseOverStorage(this.modules.manager, accountId, sizeBytes, storage);
    }
    // The upload's bytes move to the checker's thread and come back with its verdict.
    const { summary, bytes } = await this.compiled.check(upload.bytes, upload.sha256, caps);
    for (;;) {
      await this.blobs.ensure(upload.sha256, bytes);
      const stored = await this.modules.manager.transaction(this.storeVersion(accountId, upload, summary, bytes.length, storage)).catch(async (error: unknown) => {
        // Refused after its blob was written: the blob goes unless another module has it.
        await this.blobs.removeUnreferenced(upload.sha256);
        throw error;
      });
      if (stored) return { module: toModuleView(stored.module), created: stored.created };
    }
  }

  private storeVersion(accountId: string, upload: ModuleUpload, summary: ModuleSummary, sizeBytes: number, storage: ModuleStorage) {
    return async (manager: EntityManager): Promise<{ module: StoredModule; created: boolean } | null> => {
      // A blob removed since (its last module deleted) is written again.
      if (!(await this.blobs.isComplete(upload.sha256, manager, true))) return null;
      // One upload of an account at a time: its versions and its storage are settled in turn.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`modules:${accountId}`]);
      const latest = await this.latestOf(manager, accountId, upload.name);
      if (latest?.sha256 === upload.sha256) return { module: latest, created: false };
      await this.refuseOverStorage(manager, accountId, sizeBytes, storage);
      const memory = summary.memory;
      const module = manager.create(StoredModule, {
        accountId,
        sha256: upload.sha256,
        name: upload.name,
        version: (latest?.version ?? 0) + 1,
        description: upload.description,
        sizeBytes,
        imports: summary.imports,
        memoryMinPages: memory?.min ?? null,
        memoryMaxPages: memory?.max ?? null,
      });
      return { module: await manager.save(module), created: true };
    };
  }

  /** 409 `stored_modules_full` when the account's stored modules and `sizeBytes` more would pass its tier's room. */
  private async refuseOverStorage(manager: EntityManager, accountId: string, sizeBytes: number, storage: ModuleStorage): Promise<void> {
    const { used } = await manager
      .createQueryBuilder(StoredModule, 'module')
      .select('coalesce(sum(module.sizeBytes), 0)::bigint', 'used')
      .where('module.accountId = :accountId', { accountId })
      .getRawOne();
    const usedBytes = Number(used);
    if (usedBytes + sizeBytes > storage.maxStoredModuleBytes) throw moduleStorageFull(usedBytes, sizeBytes, storage);
  }

  /** The account's modules (every version of every name), newest first. */
  async list(accountId: string, limit: number, cursor?: string): Promise<ModulePage> {
    return this.page(accountId, null, limit, cursor);
  }

  /** The versions of the module's name, newest first. */
  async versions(accountId: string, ref: ModuleRef, limit: number, cursor?: string): Promise<ModulePage> {
    const name = 'id' in ref ? (await this.resolve(this.modules.manager, accountId, ref)).name : ref.name;
    const page = await this.page(accountId, name, limit, cursor);
    if (page.items.length === 0 && !cursor) throw unknownModuleName(name);
    return page;
  }

  async get(accountId: string, ref: ModuleRef): Promise<ModuleView> {
    return toModuleView(await this.resolve(this.modules.manager, accountId, ref));
  }

  /**
   * Removes the module (a bare name: every version of it); its bytes go when no module of any
   * account points at them any more.
   */
  async remove(accountId: string, ref: ModuleRef): Promise<void> {
    const removed = await this.modules.manager.transaction(async (manager) => {
      const modules = 'name' in ref && ref.version === null ? await this.allVersions(manager, accountId, ref.name) : [await this.resolve(manager, accountId, ref)];
      await manager.delete(StoredModule, modules.map((module) => module.id));
      return modules;
    });
    for (const module of removed) {
      this.forget(module);
      await this.bus.publish({ scope: 'module', id: module.id });
    }
    for (const sha256 of new Set(removed.map((module) => module.sha256))) await this.blobs.removeUnreferenced(sha256);
  }

  /** The account's module compiled under `caps`: from the cache, or from its stored bytes. */
  async prepareForRun(accountId: string, ref: ModuleRef, caps: ModuleCaps): Promise<{ module: StoredModule; prepared: PreparedModule }> {
    const module = await this.ownedForRun(accountId, ref);
    const cached = this.compiled.lookup(module.sha256, caps);
    if (cached && module.sizeBytes <= caps.maxModuleBytes) return { module, prepared: await cached };
    const bytes = await this.blobs.read(module.sha256);
    if (!bytes) {
      // Deleted (on this instance or another) since its row was cached.
      this.forget(module);
      throw notFound('Module', describeRef(ref));
    }
    return { module, prepared: await this.compiled.prepare(bytes, module.sha256, caps) };
  }

  private async page(accountId: string, name: string | null, limit: number, cursor?: string): Promise<ModulePage> {
    const query = this.modules.createQueryBuilder('module').where('module.account_id = :accountId', { accountId });
    if (name !== null) query.andWhere('module.name = :name', { name });
    const { page, nextCursor } = await keysetPage(query, { limit, cursor });
    return { items: page.map(toModuleView), nextCursor };
  }


  private latestOf(manager: EntityManager, accountId: string, name: string): Promise<StoredModule | null> {
    return manager.findOne(StoredModule, { where: { accountId, name }, order: { version: 'DESC' } });
  }

  private allVersions(manager: EntityManager, accountId: string, name: string): Promise<StoredModule[]> {
    return manager.find(StoredModule, { where: { accountId, name } }).then((modules) => {
      if (modules.length === 0) throw unknownModuleName(name);
      return modules;
    });
  }

  /** The module `ref` names in the account, or the problem saying what is unknown. */
  private async resolve(manager: EntityManager, accountId: string, ref: ModuleRef): Promise<StoredModule> {
    if ('id' in ref) {
      const module = await manager.findOneBy(StoredModule, { id: ref.id, accountId });
      if (!module) throw notFound('Module', ref.id);
      return module;
    }
    const latest = await this.latestOf(manager, accountId, ref.name);
    if (!latest) throw unknownModuleName(ref.name);
    if (ref.version === null || ref.version === latest.version) return latest;
    const module = await manager.findOneBy(StoredModule, { accountId, name: ref.name, version: ref.version });
    if (!module) throw unknownModuleVersion(ref.name, ref.version, latest.version);
    return module;
  }

  /**
   * A module's row rarely changes (only deletion), so runs read it from a short cache; a bare
   * name is read each time (a new version may have been stored on another instance), its last
   * answer kept for a database outage.
   */
  private async ownedForRun(accountId: string, ref: ModuleRef): Promise<StoredModule> {
    const key = runnableKey(accountId, ref);
    const status: LRUCache.Status<string, StoredModule> = {};
    const cached = this.runnable.get(key, { allowStale: true, status });
    const known = cached?.accountId === accountId ? cached : undefined;
    const latest = 'name' in ref && ref.version === null;
    if (known && status.get === 'hit' && !latest) return known;
    return readOrKnown(() => this.readRunnable(accountId, ref, key), known);
  }

  private async readRunnable(accountId: string, ref: ModuleRef, key: string): Promise<StoredModule> {
    try {
      const module = await this.resolve(this.modules.manager, accountId, ref);
      this.runnable.set(key, module);
      return module;
    } catch (error) {
      // Only a module that is gone is forgotten: one the database cannot be asked about runs on.
      if (error instanceof ProblemException && error.getStatus() === HttpStatus.NOT_FOUND) this.runnable.delete(key);
      throw error;
    }
  }

  private forget(module: StoredModule): void {
    this.runnable.delete(module.id);
    this.runnable.delete(runnableKey(module.accountId, { name: module.name, version: module.version }));
    this.runnable.delete(runnableKey(module.accountId, { name: module.name, version: null }));
  }
}

/** Ids are unique across accounts; names only within one. */
function runnableKey(accountId: string, ref: ModuleRef): string {
  return 'id' in ref ? ref.id : `${accountId}/${describeRef(ref)}`;
}

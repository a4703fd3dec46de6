import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { collectGarbageSoon } from './full-collection';
import type { ModuleSummary } from './module-check.worker';
import { ModuleChecker } from './module-checker.service';
import { PAGE_BYTES } from '../common/wasm-binary/wasm-page';
import { ModuleCaps, moduleTooLarge } from './module-validator';
import { ImportedMemoryLimits } from '../common/wasm-binary';

/** A module that passed its checks. */
export interface CheckedUpload {
  sha256: string;
  sizeBytes: number;
  summary: ModuleSummary;
  /** The memory the worker supplies to the module, or null when it has its own. */
  importedMemory: ImportedMemoryLimits | null;
}

export interface PreparedModule extends CheckedUpload {
  /** Compiled with the caps applied; posted as is to every worker, which shares its code. */
  module: WebAssembly.Module;
  /** See CheckedModule. */
  refusedGrowExport: string | null;
}

interface Entry {
  /** Resident bytes the compiled module holds, for the cache's budget. */
  weight: number;
  ready: Promise<PreparedModule>;
}

/** What a module is charged while it compiles, before its resident memory is known. */
const PROVISIONAL_BYTES_PER_BYTE = 3;

/**
 * Compiled modules keyed by sha256 + the memory cap written into them: a module is checked,
 * capped and compiled once (on the checker's threads) and then shared by every run. Each is
 * charged the resident memory its compile was measured to take, and one that leaves the cache
 * is collected at once: V8 would keep its memory until its heap grew enough to collect.
 */
@Injectable()
export class CompiledModuleCache {
  private readonly entries: LRUCache<string, Entry>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly checker: ModuleChecker,
  ) {
    this.entries = new LRUCache<string, Entry>({
      maxSize: config.moduleCacheBytes,
      sizeCalculation: (entry) => Math.max(1, entry.weight),
      noDisposeOnSet: true,
      dispose: () => collectGarbageSoon(),
    });
  }

  get size(): number {
    return this.entries.size;
  }

  /** Resident bytes charged to the cached modules. */
  get residentBytes(): number {
    return this.entries.calculatedSize;
  }

  /** The prepared module if it is cached, without needing its bytes. */
  lookup(sha256: string, caps: ModuleCaps): Promise<PreparedModule> | undefined {
    return this.entries.get(keyOf(sha256, caps))?.ready;
  }

  /**
   * Checks and compiles `bytes` unless the same module under the same caps already was. The
   * bytes move to the checker's thread (see ModuleChecker): the caller's view may be left empty.
   */
  prepare(bytes: Uint8Array, sha256: string, caps: ModuleCaps): Promise<PreparedModule> {
    const key = keyOf(sha256, caps);
    const cached = this.cached(bytes, key, caps);
    if (cached) return cached;
    const sizeBytes = bytes.length;
    const compiled = this.checker.check(bytes, caps, true);
    const ready = compiled.then((passed) => ({ ...upload(passed.bytes, sha256, passed), module: passed.module!, refusedGrowExport: passed.refusedGrowExport }));
    const entry: Entry = { weight: sizeBytes * PROVISIONAL_BYTES_PER_BYTE, ready };
    this.entries.set(key, entry);
    compiled.then(
      (passed) => {
        if (this.entries.peek(key) === entry) this.entries.set(key, { ...entry, weight: passed.residentBytes });
      },
      // A module that fails to compile is not kept (unless the key holds another attempt by then).
      () => {
        if (this.entries.peek(key) === entry) this.entries.delete(key);
      },
    );
    return entry.ready;
  }

  /**
   * Checks and compiles `bytes` as `prepare` does, without caching the result: a stored module
   * takes a place in the cache when it first runs, on the instance that runs it, rather than on
   * the one instance that happened to take its upload (and uploads never evict modules that run).
   * The bytes come back with the result: the caller's view may be left empty.
   */
  async check(bytes: Buffer, sha256: string, caps: ModuleCaps): Promise<CheckedUpload & { bytes: Buffer }> {
    const cached = this.cached(bytes, keyOf(sha256, caps), caps);
    if (cached) return { ...upload(bytes, sha256, await cached), bytes };
    const passed = await this.checker.check(bytes, caps, false);
    return { ...upload(passed.bytes, sha256, passed), bytes: passed.bytes };
  }

  private cached(bytes: Uint8Array, key: string, caps: ModuleCaps): Promise<PreparedModule> | undefined {
    // The size limit is the caller's tier's, so it is checked even when the module is cached.
    if (bytes.length > caps.maxModuleBytes) throw moduleTooLarge(bytes.length, caps);
    return this.entries.get(key)?.ready;
  }
}

function upload(bytes: Uint8Array, sha256: string, passed: Pick<CheckedUpload, 'summary' | 'importedMemory'>): CheckedUpload {
  return { sha256, sizeBytes: bytes.length, summary: passed.summary, importedMemory: passed.importedMemory };
}

function keyOf(sha256: string, caps: ModuleCaps): string {
  return `${sha256}:${Math.floor(caps.memoryLimitBytes / PAGE_BYTES)}`;
}

import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { unprocessable } from '../http/problem';
import { checkModule, ModuleCaps, moduleTooLarge, PAGE_BYTES } from './module-validator';
import { ImportedMemoryLimits, WasmModuleInfo } from './wasm-binary';

export interface PreparedModule {
  sha256: string;
  sizeBytes: number;
  info: WasmModuleInfo;
  /** Compiled with the caps applied; posted as is to every worker, which shares its code. */
  module: WebAssembly.Module;
  /** The memory the worker supplies to the module, or null when it has its own. */
  importedMemory: ImportedMemoryLimits | null;
  /** See CheckedModule. */
  refusedGrowExport: string | null;
}

interface Entry {
  /** Rough size of the compiled code, for the cache's byte budget. */
  weight: number;
  ready: Promise<PreparedModule>;
}

/** Machine code is a few times the size of the wasm it comes from. */
const COMPILED_SIZE_FACTOR = 3;

/**
 * Compiled modules keyed by sha256 + the memory cap written into them: a module is checked,
 * capped and compiled once (compilation runs off the event loop) and then shared by every run.
 */
@Injectable()
export class CompiledModuleCache {
  private readonly entries: LRUCache<string, Entry>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.entries = new LRUCache<string, Entry>({
      maxSize: config.moduleCacheBytes,
      sizeCalculation: (entry) => Math.max(1, entry.weight),
    });
  }

  get size(): number {
    return this.entries.size;
  }

  /** The prepared module if it is cached, without needing its bytes. */
  lookup(sha256: string, caps: ModuleCaps): Promise<PreparedModule> | undefined {
    return this.entries.get(keyOf(sha256, caps))?.ready;
  }

  /** Checks and compiles `bytes` unless the same module under the same caps already was. */
  prepare(bytes: Uint8Array, sha256: string, caps: ModuleCaps): Promise<PreparedModule> {
    const key = keyOf(sha256, caps);
    const cached = this.cached(bytes, key, caps);
    if (cached) return cached;
    const { weight, ready } = this.compile(bytes, sha256, caps);
    this.entries.set(key, { weight, ready });
    // A module that fails to compile is not kept (unless the key holds another attempt by then).
    ready.catch(() => {
      if (this.entries.peek(key)?.ready === ready) this.entries.delete(key);
    });
    return ready;
  }

  /**
   * Checks and compiles `bytes` as `prepare` does, without caching the result: a stored module
   * takes a place in the cache when it first runs, on the instance that runs it, rather than on
   * the one instance that happened to take its upload (and uploads never evict modules that run).
   */
  check(bytes: Uint8Array, sha256: string, caps: ModuleCaps): Promise<PreparedModule> {
    return this.cached(bytes, keyOf(sha256, caps), caps) ?? this.compile(bytes, sha256, caps).ready;
  }

  private cached(bytes: Uint8Array, key: string, caps: ModuleCaps): Promise<PreparedModule> | undefined {
    // The size limit is the caller's tier's, so it is checked even when the module is cached.
    if (bytes.length > caps.maxModuleBytes) throw moduleTooLarge(bytes.length, caps.maxModuleBytes);
    return this.entries.get(key)?.ready;
  }

  private compile(bytes: Uint8Array, sha256: string, caps: ModuleCaps): Entry {
    const { info, cappedBytes, importedMemory, refusedGrowExport } = checkModule(bytes, caps);
    const ready = WebAssembly.compile(cappedBytes as Uint8Array<ArrayBuffer>).then(
      (module) => ({ sha256, sizeBytes: bytes.length, info, module, importedMemory, refusedGrowExport }),
      (error: Error) => {
        throw unprocessable('module_invalid', `WebAssembly validation failed: ${error.message}`);
      },
    );
    return { weight: cappedBytes.length * COMPILED_SIZE_FACTOR, ready };
  }
}

function keyOf(sha256: string, caps: ModuleCaps): string {
  return `${sha256}:${Math.floor(caps.memoryLimitBytes / PAGE_BYTES)}`;
}

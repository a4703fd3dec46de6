import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { unprocessable } from '../http/problem';
import { checkModule, ModuleCaps, moduleTooLarge, PAGE_BYTES } from './module-validator';
import { WasmModuleInfo } from './wasm-binary';

export interface PreparedModule {
  sha256: string;
  sizeBytes: number;
  info: WasmModuleInfo;
  /** Compiled with the caps applied; posted as is to every worker, which shares its code. */
  module: WebAssembly.Module;
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
    // The size limit is the caller's tier's, so it is checked even when the module is cached.
    if (bytes.length > caps.maxModuleBytes) throw moduleTooLarge(bytes.length, caps.maxModuleBytes);
    const key = keyOf(sha256, caps);
    const cached = this.entries.get(key);
    if (cached) return cached.ready;
    const { info, cappedBytes } = checkModule(bytes, caps);
    const ready = WebAssembly.compile(cappedBytes as Uint8Array<ArrayBuffer>).then(
      (module) => ({ sha256, sizeBytes: bytes.length, info, module }),
      (error: Error) => {
        this.entries.delete(key);
        throw unprocessable('module_invalid', `WebAssembly validation failed: ${error.message}`);
      },
    );
    this.entries.set(key, { weight: cappedBytes.length * COMPILED_SIZE_FACTOR, ready });
    return ready;
  }
}

function keyOf(sha256: string, caps: ModuleCaps): string {
  return `${sha256}:${Math.floor(caps.memoryLimitBytes / PAGE_BYTES)}`;
}

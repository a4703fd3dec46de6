import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Piscina } from 'piscina';
import { ModuleRefusal, moduleRefused } from './module-refusal';
import type { ModuleCaps } from './module-validator';
import type { CheckPassed, ModuleCheckOutcome, ModuleCheckTask } from './module-check.worker';
import { compiledFile } from '../common/paths';

const WORKER_FILE = compiledFile('src', 'wasm-modules', 'module-check.worker');
/** Checking is rare next to running: two threads keep one long check from queueing every upload behind it. */
const THREADS = 2;
/** Enough for the entries of a module within the structure caps, decoded. */
const WORKER_HEAP_MB = 256;

/** Small buffers are slices of Node's shared pool: those are copied, every other buffer moved. */
function movable(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const own = bytes.buffer instanceof ArrayBuffer && bytes.buffer.byteLength > Buffer.poolSize;
  return own ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}

/** A module whose check ran its thread out of memory (code of a few MB can take more than the heap to rewrite): the module's fault, not the server's. */
function tooComplex(): ModuleRefusal {
  return moduleRefused(
    'module_too_complex',
    `Checking the module needed more than the ${WORKER_HEAP_MB} MiB the module checker has: its code is too large or too intricate to check and rewrite`,
    { limitBytes: WORKER_HEAP_MB * 1024 * 1024 },
  );
}

/** Checks and compiles modules on threads of their own (see module-check.worker). */
@Injectable()
export class ModuleChecker implements OnApplicationShutdown {
  private readonly pool = new Piscina<ModuleCheckTask, ModuleCheckOutcome>({
    filename: WORKER_FILE,
    minThreads: 1,
    maxThreads: THREADS,
    idleTimeout: 30_000,
    // A thread waiting for work runs its event loop, where it collects the modules it sent back.
    atomics: 'disabled',
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });

  /**
   * Resolves when the module passes; rejects with its problem (a ModuleRefusal) when it does
   * not. `bytes` are moved to the checker's thread with the buffer they are in, not copied (a fresh
   * copy of megabytes costs their page faults on the event loop), so they must be the only thing
   * in it (an upload's bytes and a stored module's are), and the caller's view is left empty: the
   * bytes come back with the outcome.
   */
  async check(bytes: Uint8Array, caps: ModuleCaps, keepModule: boolean): Promise<CheckPassed & { bytes: Buffer }> {
    const moved = movable(bytes);
    const task = { bytes: moved, caps: { maxModuleBytes: caps.maxModuleBytes, maxModuleSource: caps.maxModuleSource, memoryLimitBytes: caps.memoryLimitBytes, tier: caps.tier }, keepModule };
    const outcome = await this.pool.run(task, { transferList: [moved.buffer] }).catch((error: unknown) => {
      throw (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooComplex() : error;
    });
    if (outcome.ok) return { ...outcome, bytes: Buffer.from(outcome.bytes.buffer, outcome.bytes.byteOffset, outcome.bytes.byteLength) };
    // Made from a ModuleRefusal on the checker's thread (the only problem it sends): its code gives status and title.
    const { code, detail, extensions, headers } = outcome.problem;
    throw new ModuleRefusal(code, detail, extensions, headers);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.destroy();
  }
}

import { Injectable } from '@nestjs/common';
import { posix } from 'node:path';
import { MAX_TABLE_ELEMENTS } from '../wasm-modules/module-validator';
import { SandboxPool } from '../sandbox/sandbox-pool.service';
import type { SandboxResult } from '../sandbox/sandbox.types';
import type { PreparedRun } from './executions.service';

/** Runs a prepared run in this process's sandbox pool: the one step a sync run and a queued job share. */
@Injectable()
export class PreparedRunner {
  constructor(private readonly pool: SandboxPool) {}

  /** `signal`, when aborted, stops the run's sandbox: the run rejects with RunCancelledError. */
  run(account: string, { module, moduleName, input, limits }: Omit<PreparedRun, 'origin'>, signal?: AbortSignal): Promise<SandboxResult> {
    return this.pool.run({
      account,
      signal,
      module: module.module,
      argv: [posix.basename(moduleName), ...input.args],
      env: input.env,
      stdin: input.stdin,
      files: input.files,
      limits,
      maxTableElements: MAX_TABLE_ELEMENTS,
      importedMemory: module.importedMemory,
      refusedGrowExport: module.refusedGrowExport,
      clock: input.clock,
      randomSeed: input.randomSeed,
      outputFiles: input.outputFiles,
    });
  }
}

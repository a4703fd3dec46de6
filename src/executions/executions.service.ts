import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { posix } from 'node:path';
import { CompiledModuleCache, PreparedModule } from '../modules/compiled-module-cache.service';
import { MAX_TABLE_ELEMENTS } from '../modules/module-validator';
import { SandboxPool } from '../sandbox/sandbox-pool.service';
import type { ExecutionLimits, GuestFile } from '../sandbox/sandbox.types';
import { ExecutionResponse, OutputEncoding, toExecutionResponse } from './execution-response';

export interface ExecutionRequest {
  /** The module's name, the guest's argv[0]. */
  moduleName: string;
  stdin: Uint8Array;
  args: string[];
  env: Record<string, string>;
  files: GuestFile[];
  outputEncoding?: OutputEncoding;
  limits: ExecutionLimits;
}

/** Runs a prepared module in the sandbox pool and shapes the result for the API. */
@Injectable()
export class ExecutionsService {
  constructor(
    private readonly modules: CompiledModuleCache,
    private readonly pool: SandboxPool,
  ) {}

  prepareUpload(bytes: Uint8Array, sha256: string, limits: ExecutionLimits): Promise<PreparedModule> {
    return this.modules.prepare(bytes, sha256, limits);
  }

  async run(prepared: PreparedModule, request: ExecutionRequest): Promise<ExecutionResponse> {
    const result = await this.pool.run({
      module: prepared.module,
      args: [posix.basename(request.moduleName), ...request.args],
      env: request.env,
      stdin: request.stdin,
      files: request.files,
      limits: request.limits,
      maxTableElements: MAX_TABLE_ELEMENTS,
    });
    return toExecutionResponse(randomUUID(), prepared.sha256, result, request.limits, request.outputEncoding);
  }
}

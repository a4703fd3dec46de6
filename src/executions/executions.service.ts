import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { posix } from 'node:path';
import type { KeyPrincipal } from '../auth/principal';
import { ProblemException } from '../http/problem';
import { MODULE_REFUSALS } from '../http/problem-codes';
import { PreparedModule } from '../wasm-modules/compiled-module-cache.service';
import { MAX_TABLE_ELEMENTS } from '../wasm-modules/module-validator';
import { SandboxPool } from '../sandbox/sandbox-pool.service';
import type { RunDeterminism, RunInput } from '../common/run-input';
import type { ExecutionLimits } from '../common/limits';
import type { SandboxResult } from '../sandbox/sandbox.types';
import { ExecutionMetrics } from '../usage/execution-metrics.service';
import { ExecutionRecord } from '../usage/execution-record.entity';
import { UsageRecorder } from '../usage/usage-recorder.service';
import { ExecutionResponse, OutputEncoding, toExecutionResponse } from './execution-response';

export interface ExecutionRequest extends RunInput {
  /** The module's name, the guest's argv[0]. */
  moduleName: string;
  outputEncoding?: OutputEncoding;
  limits: ExecutionLimits;
}

/** Who runs what: every execution is recorded against it. */
export interface ExecutionOrigin {
  principal: KeyPrincipal;
  moduleSha256: string | null;
  moduleId: string | null;
  inputBytes: number;
}

/** Runs prepared modules in the sandbox pool, records every execution, shapes the answer. */
@Injectable()
export class ExecutionsService {
  constructor(
    private readonly pool: SandboxPool,
    private readonly usage: UsageRecorder,
    private readonly metrics: ExecutionMetrics,
  ) {}

  async run(prepared: PreparedModule, request: ExecutionRequest, origin: ExecutionOrigin): Promise<ExecutionResponse> {
    this.usage.admit();
    const result = await this.pool.run({
      account: origin.principal.account.id,
      module: prepared.module,
      argv: [posix.basename(request.moduleName), ...request.args],
      env: request.env,
      stdin: request.stdin,
      files: request.files,
      limits: request.limits,
      maxTableElements: MAX_TABLE_ELEMENTS,
      importedMemory: prepared.importedMemory,
      refusedGrowExport: prepared.refusedGrowExport,
      clock: request.clock,
      randomSeed: request.randomSeed,
    });
    const id = randomUUID();
    this.usage.record(this.toRecord(id, origin, result, request));
    this.metrics.observe(result.status, origin.principal.tier.name, result.durationMs);
    return toExecutionResponse(id, prepared.sha256, result, request.limits, request.outputEncoding);
  }

  /**
   * Runs `prepare` (once the execution's record can be kept) and, when it refuses the module
   * (a 4xx `module_*` problem), records the attempt as `invalid_module` before passing it on.
   */
  async prepareOrRecord<T>(origin: ExecutionOrigin, prepare: () => Promise<T>): Promise<T> {
    this.usage.admit();
    try {
      return await prepare();
    } catch (error) {
      if (error instanceof ProblemException && MODULE_REFUSALS.includes(error.code)) {
        this.usage.record(this.rejectedRecord(origin, error.detail));
        this.metrics.observe('invalid_module', origin.principal.tier.name, 0);
      }
      throw error;
    }
  }

  private toRecord(id: string, origin: ExecutionOrigin, result: SandboxResult, { clock, randomSeed }: RunDeterminism): ExecutionRecord {
    return this.record(id, origin, {
      clock,
      randomSeed,
      status: result.status,
      exitCode: result.exitCode,
      durationMs: result.durationMs,
      queueMs: result.queueMs,
      memoryPeakBytes: result.memoryPeakBytes,
      stdoutBytes: result.stdout.length,
      stderrBytes: result.stderr.length,
      error: result.error,
    });
  }

  private rejectedRecord(origin: ExecutionOrigin, reason: string): ExecutionRecord {
    return this.record(randomUUID(), origin, { status: 'invalid_module', error: reason });
  }

  private record(id: string, origin: ExecutionOrigin, outcome: Partial<ExecutionRecord> & Pick<ExecutionRecord, 'status'>): ExecutionRecord {
    return Object.assign(new ExecutionRecord(), {
      id,
      accountId: origin.principal.account.id,
      keyId: origin.principal.key.id,
      moduleSha256: origin.moduleSha256,
      moduleId: origin.moduleId,
      exitCode: null,
      durationMs: 0,
      queueMs: 0,
      memoryPeakBytes: 0,
      inputBytes: origin.inputBytes,
      stdoutBytes: 0,
      stderrBytes: 0,
      error: null,
      // A refused module never ran: it read no clock and drew no random bytes.
      clock: 'real',
      randomSeed: null,
      createdAt: new Date(),
      ...outcome,
    });
  }
}

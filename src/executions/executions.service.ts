import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { randomUUID } from 'node:crypto';
import type { KeyPrincipal } from '../access/principal';
import { CompiledModuleCache, PreparedModule } from '../wasm-modules/compiled-module-cache.service';
import { ModuleRefusal } from '../wasm-modules/module-refusal';
import { moduleCapsOf } from '../wasm-modules/module-validator';
import type { ModuleRef } from '../wasm-modules/module-ref';
import { StoredModulesService } from '../wasm-modules/stored-modules.service';
import { SandboxPool } from '../sandbox/sandbox-pool.service';
import type { ExecutionLimits } from '../common/limits';
import type { SandboxResult } from '../sandbox/sandbox.types';
import { ExecutionMetrics } from '../usage/execution-metrics.service';
import { ExecutionRecord } from '../schema/execution-record.entity';
import { UsageRecorder } from '../usage/usage-recorder.service';
import { type AsyncSubmission, AsyncRunsService, type QueuedRun } from './async-runs.service';
import { answeredLimits, type FinishedRun } from './execution-response';
import { newExecutionRecord, recordedOutcome } from './recorded-outcome';
import { ResultBudget, storedResult } from './kept-result';
import { PreparedRunner } from './prepared-runner';
import { dataBytes, InputLimit } from './input-limit';
import { type RunRequest, type RunRules, runLimits } from './run-input';
import { NO_SLOT, type RunSlot } from '../quotas/quota.guard';

/** An uploaded module with the input to run it on, as POST /api/v1/execute reads them. */
export interface UploadedRun {
  wasm: Buffer;
  wasmSha256: string;
  /** The file name, the guest's argv[0]. */
  wasmName: string;
  input: RunRequest;
}

/** Reads a request's body under the caller's rules, cutting it off at the first byte past them. */
export type BodyReader<T> = (rules: RunRules) => Promise<T>;

/** Who runs what: every execution is recorded against it. */
export interface ExecutionOrigin {
  principal: KeyPrincipal;
  moduleSha256: string | null;
  moduleId: string | null;
  inputBytes: number;
  /** The batch the run belongs to, if any, and its place in the batch's runs. */
  batchId?: string | null;
  batchIndex?: number | null;
}

/** A run ready for a sandbox: a checked, compiled module and checked input (what a queue can hold). */
export interface PreparedRun {
  origin: ExecutionOrigin;
  module: PreparedModule;
  /** The module's name, the guest's argv[0]. */
  moduleName: string;
  input: RunRequest;
  limits: ExecutionLimits;
}

/** How a run route ends: the run's result, or (`wait: false`) the run queued. */
export type RunOutcome = FinishedRun | QueuedRun;

export const isQueued = (outcome: RunOutcome): outcome is QueuedRun => !('result' in outcome);

/**
 * The use cases of running a module: an upload once, a stored module, or a run already prepared.
 * Each admits the execution once (its record can be kept), records it however it ends (a
 * refused module as `invalid_module`); the caller shapes the answer (see execution-response.ts).
 */
@Injectable()
export class ExecutionsService {
  constructor(
    private readonly pool: SandboxPool,
    private readonly usage: UsageRecorder,
    private readonly metrics: ExecutionMetrics,
    private readonly compiled: CompiledModuleCache,
    private readonly stored: StoredModulesService,
    private readonly runner: PreparedRunner,
    private readonly asyncRuns: AsyncRunsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** POST /api/v1/execute: admitted before the body is read, so a full record backlog reads nothing. */
  async runUpload(principal: KeyPrincipal, read: BodyReader<UploadedRun>, slot: RunSlot = NO_SLOT): Promise<RunOutcome> {
    const origin: ExecutionOrigin = { principal, moduleSha256: null, moduleId: null, inputBytes: 0 };
    this.usage.admit();
    const upload = await this.recordingRefusals(origin, () => read(this.rulesOf(principal)));
    await slot.settle(upload.input.wait === false);
    Object.assign(origin, { moduleSha256: upload.wasmSha256, inputBytes: dataBytes(upload.input) });
    const limits = runLimits(principal, upload.input);
    // Read before prepare(), which hands the upload's bytes to the checker's thread.
    const uploaded = this.queued(upload.input) ? { wasmBase64: upload.wasm.toString('base64'), sha256: upload.wasmSha256 } : null;
    const module = await this.recordingRefusals(origin, () => this.compiled.prepare(upload.wasm, upload.wasmSha256, moduleCapsOf(principal)));
    if (uploaded) {
      return this.throughQueue({ origin, module: uploaded, moduleName: upload.wasmName, input: upload.input, limits, caps: moduleCapsOf(principal) });
    }
    return this.runPrepared({ origin, module, moduleName: upload.wasmName, input: upload.input, limits });
  }

  /** POST /api/v1/modules/:id/executions, with the input as read (or to be read) from its body. */
  async runStored(principal: KeyPrincipal, ref: ModuleRef, input: RunRequest | BodyReader<RunRequest>, slot: RunSlot = NO_SLOT): Promise<RunOutcome> {
    const read = typeof input === 'function' ? await input(this.rulesOf(principal)) : input;
    await slot.settle(read.wait === false);
    const [run] = await this.prepareStoredRuns(principal, ref, [read], null);
    if (this.queued(read)) {
      return this.throughQueue({ ...run, module: { id: run.origin.moduleId! }, caps: moduleCapsOf(principal) });
    }
    return this.runPrepared(run);
  }

  /**
   * Runs of one stored module, one per input: every input checked before anything else, the
   * module compiled once for all of them (a refused module is recorded once, against the first).
   */
  async prepareStoredRuns(principal: KeyPrincipal, ref: ModuleRef, inputs: RunRequest[], batchId: string | null): Promise<PreparedRun[]> {
    const limits = inputs.map((input) => runLimits(principal, input));
    const moduleId = 'id' in ref ? ref.id : null;
    const origins: ExecutionOrigin[] = inputs.map((input, index) => ({
      principal,
      moduleSha256: null,
      moduleId,
      inputBytes: dataBytes(input),
      batchId,
      batchIndex: batchId === null ? null : index,
    }));
    this.usage.admit();
    // A refused module is recorded once, as no run of the batch (none of them ran).
    const stored = await this.recordingRefusals({ ...origins[0], batchIndex: null }, () => this.stored.prepareForRun(principal.account.id, ref, moduleCapsOf(principal)));
    return inputs.map((input, index) => ({
      origin: { ...origins[index], moduleSha256: stored.module.sha256, moduleId: stored.module.id },
      module: stored.prepared,
      moduleName: stored.module.name,
      input,
      limits: limits[index],
    }));
  }

  /** Runs a prepared run in the sandbox pool and records it. */
  async runPrepared(run: PreparedRun): Promise<FinishedRun> {
    const finished = await this.runInPool(run);
    this.usage.record(this.toRecord(finished.id, run, finished.result));
    return finished;
  }

  /**
   * Runs a run of a batch and records it with its answer kept up to `maxStoredResultBytes`.
   * Without `held` (a queued batch, which a retry resumes): the record is committed before the run
   * counts as done, so the retry skips it and reuses the answer; null when another attempt of the
   * batch recorded that run first. With `held` (a waited batch) the record goes there, for the
   * batch to write with its end.
   */
  async runOfBatch(run: PreparedRun, maxStoredResultBytes: number, budget: ResultBudget, held: ExecutionRecord[] | null): Promise<{ finished: FinishedRun; record: ExecutionRecord } | null> {
    const finished = await this.runInPool(run);
    const record = this.toRecord(finished.id, run, finished.result);
    record.result = storedResult(finished.result, run.input.outputEncoding, maxStoredResultBytes, budget);
    // A waited batch's row keeps the answers: its records go without their results, as a single
    // run's does (rows of up to maxStoredResultBytes each would make one write hundreds of megabytes).
    if (held) held.push(Object.assign(new ExecutionRecord(), record, { result: null }));
    else if (!(await this.usage.recordNow(record))) return null;
    return { finished, record };
  }

  private async runInPool(run: PreparedRun): Promise<FinishedRun> {
    const { origin, module, input, limits } = run;
    const result = await this.runner.run(origin.principal.account.id, run);
    this.metrics.observe(result.status, origin.principal.tier.name, result.durationMs);
    return { id: randomUUID(), moduleSha256: module.sha256, result, limits, outputEncoding: input.outputEncoding };
  }

  /** An async run, or any run of an API process (WASMWIZ_ROLE=api): its executors run it. */
  private queued(input: RunRequest): boolean {
    return input.wait === false || this.config.role === 'api';
  }

  private throughQueue(submission: AsyncSubmission): Promise<RunOutcome> {
    return submission.input.wait === false ? this.asyncRuns.submit(submission) : this.asyncRuns.runAndWait(submission);
  }

  private rulesOf(principal: KeyPrincipal): RunRules {
    return { input: InputLimit.of(principal), moduleCaps: moduleCapsOf(principal), stdinBuffer: (bytes) => this.pool.stdinBuffer(bytes) };
  }

  /** Runs `step`; a module it refuses is recorded as an `invalid_module` execution before the refusal goes on. */
  private async recordingRefusals<T>(origin: ExecutionOrigin, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof ModuleRefusal) {
        this.usage.record(this.rejectedRecord(origin, error.detail));
        this.metrics.observe('invalid_module', origin.principal.tier.name, 0);
      }
      throw error;
    }
  }

  /** The record of a run that just ended here: it started in its sandbox `durationMs` ago. */
  private toRecord(id: string, { origin, input: { clock, randomSeed }, limits }: PreparedRun, result: SandboxResult): ExecutionRecord {
    const finishedAt = new Date();
    return newExecutionRecord(id, origin, {
      clock,
      randomSeed,
      limits: answeredLimits(limits),
      startedAt: new Date(finishedAt.getTime() - result.durationMs),
      finishedAt,
      ...recordedOutcome(result),
    });
  }

  private rejectedRecord(origin: ExecutionOrigin, reason: string): ExecutionRecord {
    return newExecutionRecord(randomUUID(), origin, { status: 'invalid_module', error: reason });
  }

}


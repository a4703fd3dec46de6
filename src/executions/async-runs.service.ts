import { accountSuspended } from '../accounts/account-suspended';
import type { KeyPrincipal } from '../access/principal';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { type ExecutionStatus, PENDING_STATUSES, type FinalStatus } from '../common/execution-statuses';
import type { ExecutionLimits } from '../common/limits';
import type { OutputEncoding } from '../common/run-input';
import { notFound, problem, ProblemException } from '../http/problem';
import { type EmptiedMember, fairPriority, JobQueue, type JobTransaction, type QueuedJob } from '../jobs/job-queue.service';
import { QuotaService } from '../quotas/quota.service';
import { EXECUTION_FAILED_QUEUE, EXECUTION_QUEUE, WEBHOOK_DELIVERY_QUEUE } from '../jobs/queue-names';
import { RunCancelledError } from '../sandbox/run-cancelled.error';
import type { SandboxResult } from '../sandbox/sandbox.types';
import { ExecutionMetrics } from '../usage/execution-metrics.service';
import { ExecutionRecord, StoredResult } from '../schema/execution-record.entity';
import { addToRollups } from '../usage/usage-rollup';
import { CompiledModuleCache, type PreparedModule } from '../wasm-modules/compiled-module-cache.service';
import type { ModuleCaps } from '../wasm-modules/module-validator';
import { StoredModulesService } from '../wasm-modules/stored-modules.service';
import { answeredLimits, type FinishedRun } from './execution-response';
import { runOfRecord, storedResult } from './kept-result';
import type { ExecutionOrigin } from './executions.service';
import { newExecutionRecord, recordedOutcome } from './recorded-outcome';
import { PreparedRunner } from './prepared-runner';
import { CallbackUrlChecker } from '../callbacks/callback-url.property';
import type { RunRequest } from './run-input';

/** What a job on the execution queue holds: everything the run needs, decided at submit. */
export interface ExecutionJob {
  executionId: string;
  accountId: string;
  tier: string;
  /** A stored module's id, or an upload's bytes (base64) and sha256. */
  module: { id: string } | { wasmBase64: string; sha256: string };
  moduleName: string;
  caps: ModuleCaps;
  limits: ExecutionLimits;
  /** The tier's runs of one account in sandboxes at once, async ones included. */
  maxConcurrency: number;
  /** A synchronous run an executor answers: the API process holds its concurrency lease. */
  awaited?: boolean;
  maxStoredResultBytes: number;
  input: {
    stdinBase64: string;
    files: { path: string; dataBase64: string }[];
    args: string[];
    env: Record<string, string>;
    clock: RunRequest['clock'];
    randomSeed: number | null;
    outputEncoding?: OutputEncoding;
    outputFiles?: string[];
  };
}

/** A run accepted with 202: its record is `queued` and its job committed with it. */
export interface QueuedRun {
  id: string;
  status: 'queued';
}

/** A submit: who, the module (its id, or an upload's bytes), the checked input and its limits. */
export interface AsyncSubmission {
  origin: ExecutionOrigin;
  module: ExecutionJob['module'];
  moduleName: string;
  input: RunRequest;
  limits: ExecutionLimits;
  caps: ModuleCaps;
  /** A synchronous run an executor answers (WASMWIZ_ROLE=api): its whole output is kept, for the answer. */
  awaited?: boolean;
}

/** Attempts after the first, for a job whose worker died (or whose run could not start). */
const RETRY_LIMIT = 2;
const RETRY_DELAY_SECONDS = 1;
/** How long past its timeout a run's job may stay active before it is taken as lost: compiling, queueing for a thread. */
const EXPIRY_MARGIN_SECONDS = 30;
/**
 * How long an account's waiting runs are held back once one found all its concurrency slots
 * taken: a run of it that ends lets the next one go at once, so this only bounds the wait for a
 * slot freed elsewhere (a synchronous run's, or an executor's that died).
 */
const SLOT_WAIT_SECONDS = 2;
const PENDING = [...PENDING_STATUSES];
/** The Retry-After of a synchronous run no executor started in time (EXECUTOR_START_TIMEOUT). */
const AWAITED_RETRY_AFTER_SECONDS = 5;
/** What a run's job no longer needs once the run has ended or been queued again: the module's bytes (an upload's), stdin and files. */
const SPENT_INPUT: EmptiedMember[] = [
  { path: ['module', 'wasmBase64'], value: '' },
  { path: ['input', 'stdinBase64'], value: '' },
  { path: ['input', 'files'], value: [] },
];
/** A cancelled run's duration: how long it had been running (none for one still queued). */
const ranSoFar = () => 'COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - started_at) * 1000, 0)';

/** How long a run's job may stay active before it is taken as lost. */
const expiryOf = ({ limits }: Pick<ExecutionJob, 'limits'>) => Math.ceil(limits.timeoutMs / 1000) + EXPIRY_MARGIN_SECONDS;
/** How often a waiting API process looks at a run's record when no announcement reached it. */
const AWAIT_POLL_MS = 1000;
const doneTopic = (id: string) => `execution-done:${id}`;

/**
 * Async runs (`wait: false`): submitted as a `queued` execution row and its job in one
 * transaction; worked by any process that runs jobs, moved to `running`, run in the sandbox and
 * moved to its final status with its output, each step conditional on the row still pending —
 * so a job retried after its worker died, or a run cancelled meanwhile, never ends twice.
 */
@Injectable()
export class AsyncRunsService implements OnModuleInit {
  private readonly logger = new Logger(AsyncRunsService.name);

  constructor(
    private readonly jobs: JobQueue,
    private readonly runner: PreparedRunner,
    private readonly compiled: CompiledModuleCache,
    private readonly stored: StoredModulesService,
    private readonly metrics: ExecutionMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly callbackUrls: CallbackUrlChecker,
    private readonly quota: QuotaService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.defineQueue(EXECUTION_FAILED_QUEUE);
    await this.jobs.defineQueue(WEBHOOK_DELIVERY_QUEUE);
    await this.jobs.defineQueue(EXECUTION_QUEUE, { retryLimit: RETRY_LIMIT, retryDelaySeconds: RETRY_DELAY_SECONDS, deadLetter: EXECUTION_FAILED_QUEUE });
    if (this.config.role === 'api') return;
    const concurrency = this.config.jobs.concurrency;
    await this.jobs.work<ExecutionJob>(EXECUTION_QUEUE, (job) => this.work(job), { concurrency });
    await this.jobs.work<ExecutionJob>(EXECUTION_FAILED_QUEUE, (job) => this.failForGood(job), { concurrency: 1 });
  }

  /** Records the run `queued` and queues its job, both or neither. */
  async submit(submission: AsyncSubmission): Promise<QueuedRun> {
    this.callbackUrls.check(submission.input.callbackUrl);
    const executionId = randomUUID();
    const job = this.jobOf(executionId, submission);
    const accountId = job.accountId;
    await this.jobs.transaction(async (tx) => {
      const priority = fairPriority(await this.pendingRuns(tx, accountId));
      await tx.manager.insert(ExecutionRecord, this.queuedRecord(executionId, submission));
      await tx.send(EXECUTION_QUEUE, job, { id: executionId, expireInSeconds: expiryOf(job), priority, group: accountId });
    });
    return { id: executionId, status: 'queued' };
  }

  /**
   * A synchronous run executed by an executor (WASMWIZ_ROLE=api): queued like an async run and
   * awaited until its record is final, then answered from it.
   */
  async runAndWait(submission: AsyncSubmission): Promise<FinishedRun> {
    const { id } = await this.submit({ ...submission, awaited: true });
    const startWaitMs = this.config.jobs.executorStartTimeoutMs;
    const startBy = Date.now() + startWaitMs;
    const waitMs = expiryOf(submission) * 1000 * (RETRY_LIMIT + 1);
    // Past the start wait a run still queued is cancelled unrun, so that a client sending it again
    // does not get it run twice (it stayed queued, and ran after its answer had said it failed).
    let record = await this.jobs.until(doneTopic(id), () => this.finalRecord(id), AWAIT_POLL_MS, startWaitMs);
    if (!record && (await this.cancelUnstarted(id, submission.origin.principal, startWaitMs))) {
      throw problem(
        'capacity_exhausted',
        `No executor started execution ${id} within ${startWaitMs} ms (EXECUTOR_START_TIMEOUT): it was cancelled without running, so sending it again runs it once`,
        { retryAfterSeconds: AWAITED_RETRY_AFTER_SECONDS },
        { 'Retry-After': String(AWAITED_RETRY_AFTER_SECONDS) },
      );
    }
    record ??= await this.jobs.until(doneTopic(id), () => this.finalRecord(id), AWAIT_POLL_MS, Math.max(0, startBy + waitMs - Date.now()));
    if (!record) throw new Error(`execution ${id} started on an executor but did not end within ${waitMs} ms`);
    return runOfRecord(record, submission.limits, submission.input.outputEncoding);
  }

  /** An awaited run still queued ends `cancelled` with its job; false when an executor has started (or ended) it meanwhile. */
  private async cancelUnstarted(id: string, principal: KeyPrincipal, waitedMs: number): Promise<boolean> {
    const accountId = principal.account.id;
    const ended = await this.jobs.transaction(async (tx) => {
      const record = await this.end(tx, id, { status: 'cancelled', error: `not started: no executor took it within ${waitedMs} ms` }, accountId, undefined, ['queued']);
      if (record) await tx.cancelWaiting(EXECUTION_QUEUE, accountId, 'executionId', id, SPENT_INPUT);
      return record;
    });
    if (ended) this.metrics.observe('cancelled', principal.tier.name, 0);
    return ended !== null;
  }

  private async finalRecord(id: string): Promise<(ExecutionRecord & { result: StoredResult | null }) | null> {
    const record = await this.jobs.manager
      .createQueryBuilder(ExecutionRecord, 'e')
      .addSelect('e.result')
      .where('e.id = :id AND e.status NOT IN (:...pending)', { id, pending: PENDING })
      .getOne();
    return record ? (record as ExecutionRecord & { result: StoredResult | null }) : null;
  }

  /** DELETE /api/v1/executions/:id: a queued or running run of the account ends `cancelled`. */
  async cancel(principal: KeyPrincipal, id: string): Promise<ExecutionRecord> {
    const accountId = principal.account.id;
    const record = await this.jobs.transaction(async (tx) => {
      const ended = await this.end(tx, id, { status: 'cancelled', error: 'cancelled by the caller', durationMs: ranSoFar }, accountId);
      if (ended) {
        // Its job not started yet, under the run's id or sent again for a slot, is dropped with it.
        await tx.cancelWaiting(EXECUTION_QUEUE, accountId, 'executionId', id, SPENT_INPUT);
        return ended;
      }
      const existing = await tx.manager.findOneBy(ExecutionRecord, { id, accountId });
      if (!existing) throw notFound('Execution', id);
      throw problem('execution_final', `Execution ${id} is ${existing.status}: only a queued or running run can be cancelled`, {
        executionStatus: existing.status,
      });
    });
    // A running run's result is not kept (its end finds the row final).
    this.metrics.observe('cancelled', principal.tier.name, record.durationMs);
    return record;
  }

  /** The account's runs queued or running now, by their records. */
  private async pendingRuns(tx: JobTransaction, accountId: string): Promise<number> {
    return tx.manager.countBy(ExecutionRecord, { accountId, status: In(PENDING) });
  }

  /**
   * A run on an executor: in a concurrency slot of its account (a synchronous run's is the API
   * process's), or held back, unstarted, until one comes free.
   */
  private async work(job: QueuedJob<ExecutionJob>): Promise<void> {
    const { data } = job;
    if (await accountSuspended(this.jobs.manager, data.accountId)) {
      const ended = await this.jobs.transaction((tx) => this.end(tx, data.executionId, { status: 'cancelled', error: 'not started: the account was suspended while the run was queued' }));
      if (ended) this.metrics.observe('cancelled', data.tier, 0);
      return;
    }
    // A synchronous run's slot was taken by its request's decision, and goes back with its answer.
    if (data.awaited) return this.runInSlot(data, job.id);
    const slot = await this.quota.lease(data.accountId, data.maxConcurrency ?? 1, data.limits.timeoutMs, data.executionId);
    if (!slot) return this.waitForSlot(job);
    try {
      await this.runInSlot(data, job.id);
    } finally {
      // At once: the account's next held run may start on any executor.
      await slot.release(true);
      await this.jobs.releaseHeld(EXECUTION_QUEUE, data.accountId).catch((error: Error) => this.logger.warn(`cannot release held runs: ${error.message}`));
    }
  }

  /**
   * Every slot of the account is taken: the job is queued again, unchanged and in its place
   * (its priority), and it and the account's other waiting runs are held back until a slot frees.
   */
  private async waitForSlot(job: QueuedJob<ExecutionJob>): Promise<void> {
    const { data, priority } = job;
    await this.jobs.transaction(async (tx) => {
      await tx.lighten(EXECUTION_QUEUE, [job.id], SPENT_INPUT);
      // Locked: a cancel meanwhile either comes first (nothing is sent) or finds the job sent.
      const pending = await tx.manager.findOne(ExecutionRecord, { where: { id: data.executionId, status: In(PENDING) }, lock: { mode: 'pessimistic_write' } });
      if (!pending) return;
      await tx.send(EXECUTION_QUEUE, data, { expireInSeconds: expiryOf(data), priority, group: data.accountId, startAfterSeconds: SLOT_WAIT_SECONDS });
      await tx.hold(EXECUTION_QUEUE, data.accountId, SLOT_WAIT_SECONDS);
    });
  }

  private async runInSlot(data: ExecutionJob, jobId: string): Promise<void> {
    if (!(await this.markRunning(data.executionId))) return;
    const module = await this.moduleOf(data).catch((error: Error) => error);
    if (module instanceof Error) {
      if (!(module instanceof ProblemException)) throw module;
      // Refused since it was queued (the module deleted, the tier lowered): the caller's doing, not a fault of the service.
      const ended = await this.jobs.transaction((tx) => this.end(tx, data.executionId, { status: 'cancelled', error: `the run did not start: its module could not be prepared: ${module.message}` }, undefined, jobId));
      if (ended) this.metrics.observe('cancelled', data.tier, 0);
      return;
    }
    const result = await this.runUntilCancelled(data, module);
    // Cancelled: its record ended with the cancel.
    if (!result) return;
    await this.jobs.transaction((tx) => this.end(tx, data.executionId, this.outcomeOf(result, data), undefined, jobId));
    this.metrics.observe(result.status, data.tier, result.durationMs);
  }

  /**
   * Runs the job's module; a cancel, taken by any process (its end is announced, and the record is
   * looked at meanwhile), stops its sandbox at once, freeing its thread. Null when it was cancelled.
   */
  private async runUntilCancelled(data: ExecutionJob, module: PreparedModule): Promise<SandboxResult | null> {
    const cancel = new AbortController();
    const ran = new AbortController();
    const waitMs = data.limits.timeoutMs + EXPIRY_MARGIN_SECONDS * 1000;
    void this.jobs
      // A look at the record that fails (the database slow or away) is taken as "not yet": the
      // watch goes on, so the run can still be cancelled once the database answers.
      .until(doneTopic(data.executionId), async () => ((await this.finalRecord(data.executionId).catch(() => null)) ? true : null), AWAIT_POLL_MS, waitMs, ran.signal)
      .then((ended) => ended && !ran.signal.aborted && cancel.abort())
      .catch((error: Error) => this.logger.warn(`cannot watch execution ${data.executionId} for a cancel: ${error.message}`));
    try {
      return await this.runner.run(data.accountId, { module, moduleName: data.moduleName, input: this.inputOf(data), limits: data.limits }, cancel.signal);
    } catch (error) {
      if (error instanceof RunCancelledError) return null;
      throw error;
    } finally {
      ran.abort();
    }
  }

  /** A job every attempt of which was lost (its worker died each time): the run ends `internal_error`. */
  private async failForGood({ data }: QueuedJob<ExecutionJob>): Promise<void> {
    await this.finishFailed(data, `the run was lost ${RETRY_LIMIT + 1} times (its executor stopped before it ended)`);
  }

  private async finishFailed(data: ExecutionJob, error: string, jobId?: string): Promise<void> {
    const ended = await this.jobs.transaction((tx) => this.end(tx, data.executionId, { status: 'internal_error', error }, undefined, jobId));
    if (ended) this.metrics.observe('internal_error', data.tier, 0);
  }

  private async markRunning(id: string): Promise<boolean> {
    const result = await this.jobs.transaction((tx) =>
      tx.manager
        .createQueryBuilder()
        .update(ExecutionRecord)
        .set({ status: 'running', startedAt: () => 'now()' })
        .where('id = :id AND status IN (:...pending)', { id, pending: PENDING })
        .execute(),
    );
    return (result.affected ?? 0) > 0;
  }

  /**
   * Gives a pending run its final status, with its rollup and its callback job, in `tx`; null when
   * it is no longer pending (ended already: cancelled, or by an earlier attempt).
   */
  private async end(
    tx: JobTransaction,
    id: string,
    outcome: QueryDeepPartialEntity<ExecutionRecord> & { status: FinalStatus },
    accountId?: string,
    jobId?: string,
    from: readonly ExecutionStatus[] = PENDING,
  ): Promise<ExecutionRecord | null> {
    const query = tx.manager
      .createQueryBuilder()
      .update(ExecutionRecord)
      .set({ ...outcome, finishedAt: () => 'now()' })
      .where('id = :id AND status IN (:...from)', { id, from });
    if (accountId) query.andWhere('account_id = :accountId', { accountId });
    const result = await query.execute();
    if ((result.affected ?? 0) === 0) return null;
    const record = await tx.manager.findOneByOrFail(ExecutionRecord, { id });
    await addToRollups(tx.manager, [record]);
    // Its job (sent under the run's id, or under its own when it was queued again) keeps no input.
    await tx.lighten(EXECUTION_QUEUE, jobId && jobId !== id ? [id, jobId] : [id], SPENT_INPUT);
    if (record.callbackUrl) await tx.send(WEBHOOK_DELIVERY_QUEUE, { kind: 'execution', id });
    await tx.announce(doneTopic(id));
    return record;
  }

  private outcomeOf(result: SandboxResult, data: ExecutionJob): Partial<ExecutionRecord> & { status: FinalStatus } {
    return {
      ...recordedOutcome(result),
      result: storedResult(result, data.input.outputEncoding, data.maxStoredResultBytes),
    };
  }

  private moduleOf(data: ExecutionJob): Promise<PreparedModule> {
    if ('id' in data.module) return this.stored.prepareForRun(data.accountId, { id: data.module.id }, data.caps).then(({ prepared }) => prepared);
    return this.compiled.prepare(Buffer.from(data.module.wasmBase64, 'base64'), data.module.sha256, data.caps);
  }

  private inputOf({ input }: ExecutionJob): RunRequest {
    return {
      stdin: Buffer.from(input.stdinBase64, 'base64'),
      files: input.files.map((file) => ({ path: file.path, data: Buffer.from(file.dataBase64, 'base64') })),
      args: input.args,
      env: input.env,
      clock: input.clock,
      randomSeed: input.randomSeed,
      outputEncoding: input.outputEncoding,
      outputFiles: input.outputFiles,
    };
  }

  private jobOf(executionId: string, { origin, module, moduleName, input, limits, caps, awaited }: AsyncSubmission): ExecutionJob {
    return {
      executionId,
      accountId: origin.principal.account.id,
      tier: origin.principal.tier.name,
      module,
      moduleName,
      caps,
      limits,
      maxConcurrency: origin.principal.tier.maxConcurrency,
      ...(awaited ? { awaited } : {}),
      maxStoredResultBytes: awaited ? limits.maxOutputBytes : origin.principal.tier.maxStoredResultBytes,
      input: {
        stdinBase64: Buffer.from(input.stdin).toString('base64'),
        files: input.files.map((file) => ({ path: file.path, dataBase64: Buffer.from(file.data).toString('base64') })),
        args: input.args,
        env: input.env,
        clock: input.clock,
        randomSeed: input.randomSeed,
        outputEncoding: input.outputEncoding,
        ...(input.outputFiles?.length ? { outputFiles: input.outputFiles } : {}),
      },
    };
  }

  private queuedRecord(id: string, { origin, input, limits }: AsyncSubmission): ExecutionRecord {
    return newExecutionRecord(id, origin, {
      status: 'queued',
      limits: answeredLimits(limits),
      clock: input.clock,
      randomSeed: input.randomSeed,
      callbackUrl: input.callbackUrl ?? null,
      startedAt: null,
      finishedAt: null,
    });
  }

}

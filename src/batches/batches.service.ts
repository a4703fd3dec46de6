import { accountSuspended } from '../accounts/account-suspended';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { EntityManager, In, Not, Repository } from 'typeorm';
import type { KeyPrincipal } from '../access/principal';
import type { BatchStatus } from '../common/execution-statuses';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { keysetPage } from '../http/cursor';
import { notFound, ProblemException } from '../http/problem';
import { type ExecuteStoredModuleDto, storedRunInput } from '../executions/execute-stored.dto';
import { isStorableText } from '../http/field-rules';
import { type ExecutionResponse, type KeptExecutionResponse, toExecutionResponse } from '../executions/execution-response';
import { asKept, drawingFrom, keptAnswerOf, type ResultBudget } from '../executions/kept-result';
import { answerBytesOf } from '../common/run-input';
import type { SandboxResult } from '../sandbox/sandbox.types';
import { UsageRecorder } from '../usage/usage-recorder.service';
import { ExecutionsService, type PreparedRun } from '../executions/executions.service';
import { fairPriority, JobQueue, type JobTransaction, type QueuedJob } from '../jobs/job-queue.service';
import { BATCH_FAILED_QUEUE, BATCH_QUEUE, WEBHOOK_DELIVERY_QUEUE } from '../jobs/queue-names';
import { SandboxPool } from '../sandbox/sandbox-pool.service';
import { ExecutionRecord } from '../schema/execution-record.entity';
import { Batch } from '../schema/batch.entity';
import type { ModuleRef } from '../wasm-modules/module-ref';
import { CallbackAttempts } from '../callbacks/callback-attempts.service';
import { CallbackUrlChecker } from '../callbacks/callback-url.property';
import { ConcurrencyLease, QuotaService } from '../quotas/quota.service';
import { BATCH_FAILURES } from './batch-failures';
import { inLanes, type LaneSlots } from './lanes';
import type { BatchAnswer, BatchPage, BatchSummary, BatchView, QueuedBatch } from './batch-dtos';

/** What a batch asks for: its stored module, its runs as the request gave them, and whom to tell when it ends. */
export interface BatchRequest {
  module: ModuleRef;
  runs: ExecuteStoredModuleDto[];
  callbackUrl: string | null;
}

/** A batch on the durable queue: what its runs are held to travels with it (the limits in force when it was accepted). */
interface BatchJob {
  batchId: string;
  /** A request waits for the answer (WASMWIZ_ROLE=api): the answers are kept whole, as a single awaited run's output is. */
  awaited?: boolean;
  /** The awaiting request's concurrency lease: the batch's first lane runs in it, renewing it. */
  requestLeaseId?: string;
  principal: Pick<KeyPrincipal, 'kind' | 'key' | 'account' | 'tier' | 'limits'>;
  runs: ExecuteStoredModuleDto[];
}

const longestTimeoutMs = (runs: PreparedRun[]): number => Math.max(...runs.map((run) => run.limits.timeoutMs));

/** Batch jobs one process works at once: each runs as many of its runs at once as its account may. */
const BATCH_WORKERS = 2;
/** Attempts after the first for a batch whose executor died. */
const BATCH_RETRIES = 2;
/** How often a queued batch's lanes look whether its account has been suspended meanwhile. */
const SUSPENSION_CHECK_MS = 1000;

/** A queued batch's account was suspended while its runs went on: the batch ends `failed`. */
class AccountSuspendedMeanwhile extends Error {}

/** How often a lane waiting for a concurrency slot of its account asks again. */
const LANE_SLOT_POLL_MS = 100;
/** Slack on a batch job's expiry beyond its runs' worst case. */
const EXPIRY_MARGIN_SECONDS = 60;

/** How often an API-only process looks whether the executors have finished a batch it waits for, when no announcement reached it. */
const ANSWER_POLL_MS = 1000;
const doneTopic = (id: string) => `batch-done:${id}`;

const FINAL: readonly BatchStatus[] = ['completed', 'failed'];

/**
 * Batches of runs of one stored module: the module is compiled once, the runs go to the fair
 * pool queue under the account (as many at once as the account's `maxConcurrency`, at most the
 * pool's threads), each recorded as an execution of the batch. Waited-for batches run in the
 * request; the others are one job each on the durable queue, worked by any executor.
 */
@Injectable()
export class BatchesService implements OnModuleInit {
  private readonly logger = new Logger('Batches');
  /** What the batches running in this process may hold of their runs' outputs together (see runAll). */
  private readonly resultsInMemory: ResultBudget;

  constructor(
    @InjectRepository(Batch) private readonly batches: Repository<Batch>,
    @InjectRepository(ExecutionRecord) private readonly records: Repository<ExecutionRecord>,
    private readonly executions: ExecutionsService,
    private readonly usage: UsageRecorder,
    private readonly pool: SandboxPool,
    private readonly jobs: JobQueue,
    private readonly callbackUrls: CallbackUrlChecker,
    private readonly callbacks: CallbackAttempts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly quota: QuotaService,
  ) {
    this.resultsInMemory = { left: config.maxBatchResultsInMemoryBytes };
  }

  async onModuleInit(): Promise<void> {
    await this.jobs.defineQueue(BATCH_FAILED_QUEUE);
    await this.jobs.defineQueue(BATCH_QUEUE, { retryLimit: BATCH_RETRIES, retryDelaySeconds: 1, deadLetter: BATCH_FAILED_QUEUE });
    if (this.config.role === 'api') return;
    await this.jobs.work<BatchJob>(BATCH_QUEUE, (job) => this.work(job), { concurrency: BATCH_WORKERS });
    await this.jobs.work<BatchJob>(BATCH_FAILED_QUEUE, (job) => this.failForGood(job), { concurrency: 1 });
  }

  /**
   * POST /api/v1/modules/:id/batches with `wait`: every run, then the answer, results in request
   * order. With WASMWIZ_ROLE=api the executors run it, through the queue, and the answer waits.
   */
  async runNow(principal: KeyPrincipal, request: BatchRequest, requestLease: ConcurrencyLease | null): Promise<BatchAnswer> {
    this.callbackUrls.check(request.callbackUrl ?? undefined);
    if (this.config.role === 'api') return this.runOnExecutors(principal, request, requestLease);
    // A batch refused (its module, one of its runs) leaves no row, as a queued one does not.
    const { batch, runs } = await this.prepare(principal, request, 'running');
    await this.batches.insert(batch);
    // The runs' records are written with the batch's end: a batch shown completed counts them all.
    const held: ExecutionRecord[] = [];
    let ran: RanBatch;
    try {
      ran = await this.runAll(batch.id, runs, principal, principal.tier.maxStoredResultBytes, held, requestLease);
    } catch (error) {
      await this.usage.recordWithin(held, (writeRecords) => this.finish(batch, failed(BATCH_FAILURES.internal), { queued: false, alsoWrite: writeRecords }));
      throw error;
    }
    // Kept cut to the tier's maxStoredResultBytes; answered in full, as a single run is.
    try {
      await this.usage.recordWithin(held, (writeRecords) => this.finish(batch, { status: 'completed', results: ran.kept }, { queued: false, alsoWrite: writeRecords }));
    } catch (error) {
      // The records are written behind (recordWithin keeps them); the batch, left `running`, would
      // stay so for good: it ends failed if the database takes that, and the request its error.
      await this.finish(batch, failed(BATCH_FAILURES.unrecorded), { queued: false }).catch(() => undefined);
      throw error;
    }
    return { id: batch.id, status: 'completed', error: null, results: ran.answers };
  }

  /**
   * POST /api/v1/modules/:id/batches with `wait: false`: every run and the module are checked now
   * (a refusal is answered at once), then the batch is queued, committed with its row.
   */
  async submit(principal: KeyPrincipal, request: BatchRequest): Promise<QueuedBatch> {
    this.callbackUrls.check(request.callbackUrl ?? undefined);
    const { id } = await this.queue(principal, request);
    return { id, status: 'queued' };
  }

  /** `awaiting`: a request waits for the batch's end, in the slot its lease names. */
  private async queue(principal: KeyPrincipal, request: BatchRequest, awaiting: Pick<BatchJob, 'requestLeaseId'> | null = null): Promise<{ id: string; expireInSeconds: number }> {
    const { batch, runs } = await this.prepare(principal, request, 'queued');
    const job: BatchJob = { batchId: batch.id, awaited: awaiting !== null, ...awaiting, principal: portable(principal), runs: request.runs.map(portableRun) };
    const expireInSeconds = Math.ceil((runs.reduce((sum, run) => sum + run.limits.timeoutMs, 0) / this.parallelismOf(principal)) / 1000) + EXPIRY_MARGIN_SECONDS;
    await this.jobs.transaction(async (tx) => {
      const priority = fairPriority(await tx.manager.countBy(Batch, { accountId: batch.accountId, status: Not(In(FINAL)) }));
      await tx.manager.insert(Batch, batch);
      await tx.send(BATCH_QUEUE, job, { id: batch.id, expireInSeconds, priority });
    });
    return { id: batch.id, expireInSeconds };
  }

  private async runOnExecutors(principal: KeyPrincipal, request: BatchRequest, requestLease: ConcurrencyLease | null): Promise<BatchAnswer> {
    const { id, expireInSeconds } = await this.queue(principal, request, { requestLeaseId: requestLease?.leaseId });
    const waitMs = expireInSeconds * 1000 * (BATCH_RETRIES + 1);
    const batch = await this.jobs.until(doneTopic(id), () => this.batches.findOneBy({ id, status: In(FINAL) }), ANSWER_POLL_MS, waitMs);
    if (batch?.status === 'completed') {
      // What the executor kept (whole, the job being awaited, up to the batch's result bytes).
      return { id, status: 'completed', error: null, results: batch.results as KeptExecutionResponse[] };
    }
    // Ended failed on its executor (suspended, its module deleted meanwhile): answered as GET would show it.
    if (batch) return { id, status: 'failed', error: batch.error, results: [] };
    throw new Error(`batch ${id} did not end in time`);
  }


  /** GET /api/v1/batches/:id. */
  async find(accountId: string, id: string): Promise<BatchView> {
    const batch = await this.batches.findOneBy({ id, accountId });
    if (!batch) throw notFound('Batch', id);
    return this.viewOf(batch);
  }

  /** The batch and whose it is, for its callback; null when it is gone. */
  async findForCallback(id: string): Promise<{ accountId: string; callbackUrl: string | null; view: BatchView } | null> {
    const batch = await this.batches.findOneBy({ id });
    if (!batch) return null;
    return { accountId: batch.accountId, callbackUrl: batch.callbackUrl, view: await this.viewOf(batch) };
  }

  private async viewOf(batch: Batch): Promise<BatchView> {
    const [progress] = await this.progressOf([batch.id]);
    const callback = await this.callbacks.view('batch', batch.id, batch.callbackUrl);
    return { ...summaryOf(batch, progress), results: (batch.results as KeptExecutionResponse[] | null) ?? [], ...(callback ? { callback } : {}) };
  }

  /** Runs of each batch that have ended (recorded), by status, in the order of `ids`. */
  private async progressOf(ids: string[]): Promise<Progress[]> {
    if (ids.length === 0) return [];
    const counts: { batchId: string; status: string; count: string }[] = await this.records
      .createQueryBuilder('e')
      .select('e.batch_id', 'batchId')
      .addSelect('e.status', 'status')
      .addSelect('count(*)', 'count')
      .where('e.batch_id IN (:...ids)', { ids })
      .groupBy('e.batch_id')
      .addGroupBy('e.status')
      .getRawMany();
    return ids.map((id) => {
      const byStatus = Object.fromEntries(counts.filter((row) => row.batchId === id).map(({ status, count }) => [status, Number(count)]));
      return { byStatus, completed: Object.values(byStatus).reduce((sum, count) => sum + count, 0) };
    });
  }

  /** GET /api/v1/batches: the account's batches, newest first. */
  async list(accountId: string, limit: number, cursor?: string): Promise<BatchPage> {
    const query = this.batches.createQueryBuilder('b').where('b.account_id = :accountId', { accountId });
    const { page, nextCursor } = await keysetPage(query, { limit, cursor });
    const progress = await this.progressOf(page.map((batch) => batch.id));
    return { items: page.map((batch, index) => summaryOf(batch, progress[index])), nextCursor };
  }


  /**
   * A queued batch on an executor, to its final status. A retried job (its last executor died)
   * finds it final and stops, or resumes it: the runs already recorded are not run again.
   */
  private async work({ data }: QueuedJob<BatchJob>): Promise<void> {
    const batch = await this.batches.findOneBy({ id: data.batchId });
    if (!batch || FINAL.includes(batch.status)) return;
    // Suspended while it was queued: ended as a batch refused after it was accepted.
    if (await accountSuspended(this.batches.manager, batch.accountId)) return this.failGivingBack(batch, BATCH_FAILURES.suspended);
    await this.batches.update(batch.id, { status: 'running' });
    const principal = data.principal as KeyPrincipal;
    let runs: PreparedRun[];
    try {
      runs = await this.executions.prepareStoredRuns(principal, { id: batch.moduleId }, data.runs.map(storedRunInput), batch.id);
    } catch (error) {
      // Refused since it was accepted (the module deleted, the tier lowered): final, not retried.
      if (!(error instanceof ProblemException)) throw error;
      return this.failGivingBack(batch, BATCH_FAILURES.notRunnable(error.detail));
    }
    const keep = data.awaited ? Infinity : principal.tier.maxStoredResultBytes;
    // The awaiting request's slot, taken again under its id here (null if it lapsed and was taken).
    const requestLease = data.requestLeaseId ? await this.quota.lease(principal.account.id, principal.tier.maxConcurrency, longestTimeoutMs(runs), data.requestLeaseId) : null;
    let ran: RanBatch;
    try {
      ran = await this.runAll(batch.id, runs, principal, keep, null, requestLease);
    } catch (error) {
      // Suspended while it ran: the runs started end, no other starts, and it ends as one refused after it was accepted.
      if (error instanceof AccountSuspendedMeanwhile) return this.failGivingBack(batch, BATCH_FAILURES.suspended);
      throw error;
    }
    await this.finish(batch, { status: 'completed', results: ran.kept });
  }

  /** For a queued batch's lanes: throws AccountSuspendedMeanwhile once the account is suspended, looking at most once every SUSPENSION_CHECK_MS. */
  private stillActive(accountId: string): () => Promise<void> {
    let lookedAt = -Infinity;
    return async () => {
      if (performance.now() - lookedAt < SUSPENSION_CHECK_MS) return;
      lookedAt = performance.now();
      if (await accountSuspended(this.batches.manager, accountId)) throw new AccountSuspendedMeanwhile();
    };
  }

  /**
   * A batch every attempt of which was lost (its executor died each time) ends `failed`: its
   * recorded runs stay counted in `byStatus`, and its results are empty, as for a batch refused
   * after it was accepted.
   */
  private async failForGood({ data }: QueuedJob<BatchJob>): Promise<void> {
    const batch = await this.batches.findOneBy({ id: data.batchId });
    if (batch && !FINAL.includes(batch.status)) await this.failGivingBack(batch, BATCH_FAILURES.lost(BATCH_RETRIES + 1));
  }

  /**
   * The batch's final status, and (when it has a callbackUrl) its webhook, committed together
   * with what `alsoWrite` writes; once only: an attempt that outlived its job's expiry, or a
   * dead-lettered one, finds the batch ended by another and changes nothing more. A batch run
   * where its request waits (`queued: false`) has no job to lighten and no one waiting for its end.
   */
  private async finish(batch: Batch, end: BatchEnd, { queued, alsoWrite }: { queued: boolean; alsoWrite?: (manager: EntityManager) => Promise<void> } = { queued: true }): Promise<boolean> {
    return this.jobs.transaction(async (tx: JobTransaction) => {
      await alsoWrite?.(tx.manager);
      const ended = await tx.manager.update(Batch, { id: batch.id, status: Not(In(FINAL)) }, { results: [], error: null, ...end, finishedAt: new Date() });
      if (!ended.affected) return false;
      if (batch.callbackUrl) await tx.send(WEBHOOK_DELIVERY_QUEUE, { kind: 'batch', id: batch.id });
      if (!queued) return true;
      // A queued batch's job keeps no runs once it has ended (a retry of it finds the batch final).
      await tx.lighten(BATCH_QUEUE, [batch.id], [{ path: ['runs'], value: [] }]);
      await tx.announce(doneTopic(batch.id));
      return true;
    });
  }

  /**
   * A queued batch ended `failed` before all its runs ran (suspended, its module gone, lost): the
   * day gives back the runs that never started, charged as it was accepted. Once: only the call
   * that ended it gives back.
   */
  private async failGivingBack(batch: Batch, error: string): Promise<void> {
    if (!(await this.finish(batch, failed(error)))) return;
    const [{ ran }] = await this.records.query('SELECT count(*)::int AS ran FROM executions WHERE batch_id = $1', [batch.id]);
    await this.quota.refundCharged(batch.accountId, batch.createdAt.getTime(), batch.total - ran).catch((error: Error) => this.logger.warn(`cannot give back the unstarted runs of batch ${batch.id}: ${error.message}`));
  }

  /**
   * Every run of the batch not recorded yet, as many at once as the account may. A queued batch
   * (no `held`) has each run committed as it ends, and a retry of it resumes where its last
   * attempt stopped; a waited-for one lives and dies with its request, its records put in `held`
   * for its end to write. The answers in request order: as kept, and as given (in full for the
   * runs this attempt ran).
   */
  private async runAll(batchId: string, runs: PreparedRun[], principal: KeyPrincipal, keepBytes: number, held: ExecutionRecord[] | null, requestLease: ConcurrencyLease | null): Promise<RanBatch> {
    const resumable = held === null;
    const recorded = resumable ? await this.recordedRuns(batchId) : new Map<number, ExecutionRecord>();
    const full: ExecutionResponse[] = new Array(runs.length);
    const left = runs.map((_, index) => index).filter((index) => !recorded.has(index));
    // What a batch's results hold together (MAX_BATCH_RESULT_SIZE): 200 runs of 1 MiB of stdout
    // made one waited answer of 210 MB and a peak of 1.85 GB. Past it, later runs keep and answer
    // only what is left (`resultTruncated`). And what every batch of the process holds at once
    // (MAX_BATCH_RESULTS_IN_MEMORY): six batches at the cap made 1.76 GB.
    const keptBudget = drawingFrom({ left: this.config.maxBatchResultBytes }, this.resultsInMemory);
    const answered = drawingFrom({ left: this.config.maxBatchResultBytes }, this.resultsInMemory);
    try {
      const slots = this.laneSlots(batchId, runs, principal, requestLease);
      // A waited batch lives and dies with its request, whose key a suspension refuses from then on.
      const active = resumable ? this.stillActive(principal.account.id) : null;
      await inLanes(left, this.parallelismOf(principal), slots, async (index) => {
        await active?.();
        const ran = await this.executions.runOfBatch(runs[index], keepBytes, keptBudget, held);
        if (!ran) return;
        // A queued batch is answered as kept: its full answers are not held meanwhile. A run whose
        // whole output no longer fits what the batch's answer has left is answered as kept.
        const bytes = outputBytes(ran.finished.result);
        if (!resumable && bytes <= answered.left) {
          answered.left -= bytes;
          full[index] = toExecutionResponse(ran.finished);
        }
        recorded.set(index, ran.record);
      });
      // A run another attempt of the batch recorded first is answered as that attempt kept it.
      if (recorded.size < runs.length) for (const [index, record] of await this.recordedRuns(batchId)) recorded.set(index, record);
      // A run this attempt answered in full is kept from that answer, not decoded back from its record.
      const kept = runs.map((run, index) => {
        const record = recorded.get(index)!;
        return full[index] ? asKept(full[index], record.result) : keptAnswerOf(record, run.limits, run.input.outputEncoding);
      });
      return { kept, answers: kept.map((answer, index) => (full[index] ? { ...full[index], resultTruncated: false } : answer)) };
    } finally {
      // Given back as the batch ends: its answer and its row are about to take what it held.
      keptBudget.giveBack();
      answered.giveBack();
    }
  }

  /** The runs of the batch recorded so far, by their place in it, with their kept answers. */
  private async recordedRuns(batchId: string): Promise<Map<number, ExecutionRecord>> {
    const records = await this.records
      .createQueryBuilder('e')
      .addSelect('e.result')
      .where('e.batch_id = :batchId AND e.batch_index IS NOT NULL', { batchId })
      .getMany();
    return new Map(records.map((record) => [record.batchIndex!, record]));
  }

  /**
   * Each lane's concurrency slot of the account, held while the lane has runs to take: the first
   * lane of a batch a request waits for has the request's own; the others wait for one, and a
   * lane that finds no runs left by then is not needed. A lane's lease is named by the batch and
   * the lane (a retried batch re-takes its own); every lane's, the request's too, is renewed
   * before its expiry could pass.
   */
  private laneSlots(batchId: string, runs: PreparedRun[], principal: KeyPrincipal, requestLease: ConcurrencyLease | null): LaneSlots {
    const timeoutMs = longestTimeoutMs(runs);
    const take = (lane: number) => this.quota.lease(principal.account.id, principal.tier.maxConcurrency, timeoutMs, `${batchId}:${lane}`);
    return {
      acquire: async (lane, needed) => {
        if (lane === 0 && requestLease) return requestLease;
        for (;;) {
          if (!needed()) return null;
          const lease = await take(lane);
          if (lease) return lease;
          // Unreferenced: a lane still waiting never holds the process open at a stop.
          await delay(LANE_SLOT_POLL_MS, undefined, { ref: false });
        }
      },
    };
  }

  /** How many of the batch's runs can be in a sandbox at once: the account's concurrency, at most the pool's threads. */
  private parallelismOf(principal: KeyPrincipal): number {
    return Math.max(1, Math.min(principal.tier.maxConcurrency, this.pool.threads));
  }


  /** Every run checked and the module (named by id, name or `name@version`) made ready; the batch's row, not yet written. */
  private async prepare(principal: KeyPrincipal, request: BatchRequest, status: BatchStatus): Promise<{ batch: Batch; runs: PreparedRun[] }> {
    const id = randomUUID();
    const runs = await this.executions.prepareStoredRuns(principal, request.module, request.runs.map(storedRunInput), id);
    return { batch: this.newBatch(id, principal, request, status, runs[0].origin.moduleId!), runs };
  }

  private newBatch(id: string, principal: KeyPrincipal, request: BatchRequest, status: BatchStatus, moduleId: string): Batch {
    return Object.assign(new Batch(), {
      id,
      accountId: principal.account.id,
      keyId: principal.key.id,
      moduleId,
      status,
      total: request.runs.length,
      callbackUrl: request.callbackUrl,
      results: null,
      error: null,
      createdAt: new Date(),
      finishedAt: null,
    });
  }
}

type Progress = Pick<BatchSummary, 'completed' | 'byStatus'>;

/** How a batch ends: its results, or why it failed. */
type BatchEnd = { status: 'completed'; results: ExecutionResponse[] } | { status: 'failed'; error: string };

const failed = (error: string): BatchEnd => ({ status: 'failed', error });

/** The answers of a batch's runs, in request order: as kept, and as answered. */
interface RanBatch {
  kept: KeptExecutionResponse[];
  answers: KeptExecutionResponse[];
}

function summaryOf(batch: Batch, progress: Progress): BatchSummary {
  const { id, status, moduleId, total, error, createdAt, finishedAt } = batch;
  return { id, status, moduleId, total, ...progress, error, createdAt, finishedAt };
}

/** A run as a job carries it: stdin that jsonb cannot hold (U+0000, a lone surrogate) travels in base64, as the same bytes. */
function portableRun(run: ExecuteStoredModuleDto): ExecuteStoredModuleDto {
  if (run.stdin === undefined || isStorableText(run.stdin)) return run;
  const { stdin, ...rest } = run;
  return { ...rest, stdinBase64: Buffer.from(stdin).toString('base64') };
}

/** The principal as a job carries it: plain data, the key by its id only (never its hash). */
function portable(principal: KeyPrincipal): BatchJob['principal'] {
  const key = { id: principal.key.id, accountId: principal.key.accountId, scopes: principal.key.scopes };
  return JSON.parse(JSON.stringify({ kind: principal.kind, key, account: principal.account, tier: principal.tier, limits: principal.limits }));
}

/** What a run's answer holds of its output: stdout, stderr and files. */
function outputBytes(result: SandboxResult): number {
  return result.stdout.length + result.stderr.length + result.files.reduce((sum, file) => sum + answerBytesOf(file.path, file.data.length), 0);
}

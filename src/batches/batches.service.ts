import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import type { KeyPrincipal } from '../access/principal';
import type { BatchStatus } from '../common/execution-statuses';
import { type FinishedRun, toExecutionResponse } from '../executions/execution-response';
import { ExecutionsService, type PreparedRun } from '../executions/executions.service';
import type { RunRequest } from '../executions/run-input';
import { SandboxPool } from '../sandbox/sandbox-pool.service';
import { Batch } from './batch.entity';
import type { BatchAnswer } from './batch-dtos';

/** What a batch asks for: the runs' inputs, in order, and whom to tell when it ends. */
export interface BatchRequest {
  moduleId: string;
  inputs: RunRequest[];
  callbackUrl: string | null;
}

/**
 * Batches of runs of one stored module: the module is compiled once, the runs go to the fair
 * pool queue under the account (as many at once as the account's `maxConcurrency`, at most the
 * pool's threads), each recorded as an execution of the batch.
 */
@Injectable()
export class BatchesService {
  constructor(
    @InjectRepository(Batch) private readonly batches: Repository<Batch>,
    private readonly executions: ExecutionsService,
    private readonly pool: SandboxPool,
  ) {}

  /** POST /api/v1/modules/:id/batches with `wait`: every run, then the answer, results in request order. */
  async runNow(principal: KeyPrincipal, request: BatchRequest): Promise<BatchAnswer> {
    const batch = await this.batches.save(this.newBatch(principal, request, 'running'));
    const finished = await this.settling(batch, async () => {
      const runs = await this.executions.prepareStoredRuns(principal, request.moduleId, request.inputs, batch.id);
      return this.runAll(runs, this.parallelismOf(principal));
    });
    return { id: batch.id, status: 'completed', results: finished.map(toExecutionResponse) };
  }

  /** Runs `work` for `batch`, then gives the batch its final status: completed, or failed when `work` threw. */
  private async settling<T>(batch: Batch, work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      await this.batches.update(batch.id, { status: 'completed', finishedAt: new Date() });
      return result;
    } catch (error) {
      await this.batches.update(batch.id, { status: 'failed', finishedAt: new Date() });
      throw error;
    }
  }

  /** Every run, `parallelism` at a time, answered in the order given. */
  private async runAll(runs: PreparedRun[], parallelism: number): Promise<FinishedRun[]> {
    const finished: FinishedRun[] = new Array(runs.length);
    let next = 0;
    const lane = async () => {
      while (next < runs.length) {
        const index = next++;
        finished[index] = await this.executions.runPrepared(runs[index]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallelism, runs.length) }, lane));
    return finished;
  }

  private parallelismOf(principal: KeyPrincipal): number {
    return Math.max(1, Math.min(principal.tier.maxConcurrency, this.pool.threads));
  }

  private newBatch(principal: KeyPrincipal, request: BatchRequest, status: BatchStatus): Batch {
    return Object.assign(new Batch(), {
      id: randomUUID(),
      accountId: principal.account.id,
      keyId: principal.key.id,
      moduleId: request.moduleId,
      status,
      total: request.inputs.length,
      callbackUrl: request.callbackUrl,
      createdAt: new Date(),
      finishedAt: null,
    });
  }
}

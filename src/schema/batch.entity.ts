import { Column, Entity, PrimaryColumn } from 'typeorm';
import { keptAnswersOrder } from './kept-files-order';
import type { BatchStatus } from '../common/execution-statuses';

/** Many runs of one stored module asked for at once; each run is an execution row with its `batch_id`. */
@Entity({ name: 'batches' })
export class Batch {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ name: 'key_id', type: 'uuid', nullable: true })
  keyId: string | null;

  @Column({ name: 'module_id', type: 'uuid' })
  moduleId: string;

  @Column({ type: 'text' })
  status: BatchStatus;

  @Column({ type: 'integer' })
  total: number;

  @Column({ name: 'callback_url', type: 'text', nullable: true })
  callbackUrl: string | null;

  /** The answers of the runs (ExecutionResponse), in request order, once the batch has ended. */
  @Column({ type: 'jsonb', nullable: true, transformer: keptAnswersOrder })
  results: object[] | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Why a `failed` batch failed, in words for its owner; null otherwise. */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}

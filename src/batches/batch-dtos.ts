import { CallbackView } from '../callbacks/callback-view';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsOptional, IsString, ValidateNested } from 'class-validator';
import { BATCH_STATUSES, type BatchStatus } from '../common/execution-statuses';
import { ExecuteStoredModuleDto } from '../executions/execute-stored.dto';
import { KeptExecutionResponse } from '../executions/execution-response';
import { ApiDateTime, ApiInteger } from '../http/api-properties';

/** One run of a batch: a single run's fields but `wait` and `callbackUrl`, which are the batch's (a run's own were ignored). */
export class BatchRunDto extends OmitType(ExecuteStoredModuleDto, ['wait', 'callbackUrl'] as const) {}

/** POST /api/v1/modules/:id/batches. */
export class CreateBatchDto {
  // The count is checked by the quota guard (executionsOfBatch) before anything is charged.
  @ApiProperty({
    type: [BatchRunDto],
    minItems: 1,
    description: "The runs, each with the fields of a single run; at most the tier's `maxBatchRuns`, each one execution of the day",
  })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => BatchRunDto)
  runs: BatchRunDto[];

  @ApiPropertyOptional({ description: 'true (the default): answer once every run has ended; false: 202 at once, poll GET /api/v1/batches/{id}' })
  @IsOptional() @IsBoolean() wait?: boolean;

  @ApiPropertyOptional({ format: 'uri', description: 'Told (a signed POST of the batch) when the batch ends' })
  @IsOptional() @IsString() callbackUrl?: string;
}

/** The answer of a batch that was waited for. */
export class BatchAnswer {
  @ApiProperty({ format: 'uuid', description: 'GET /api/v1/batches/{id}' }) id: string;
  @ApiProperty({ enum: BATCH_STATUSES, enumName: 'BatchStatus' }) status: BatchStatus;
  @ApiProperty({ type: String, nullable: true, description: 'Why the batch failed (its account suspended, its module deleted, its executor lost), else null' }) error: string | null;
  @ApiProperty({
    type: [KeptExecutionResponse],
    description: "One per run, in the order of `runs`, each the answer of a single run; once the batch's answers hold the server's MAX_BATCH_RESULT_SIZE of output (64 MB by default), each later one is its answer as kept (`resultTruncated`)",
  })
  results: KeptExecutionResponse[];
}

/** A batch accepted with `wait: false`. */
export class QueuedBatch {
  @ApiProperty({ format: 'uuid', description: 'GET /api/v1/batches/{id}' }) id: string;
  @ApiProperty({ enum: ['queued'] }) status: 'queued';
}

/** A batch as it stands, and how far it is, without its results. */
export class BatchSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: BATCH_STATUSES, enumName: 'BatchStatus' }) status: BatchStatus;
  @ApiProperty({ format: 'uuid', description: 'The stored module the runs ran' }) moduleId: string;
  @ApiInteger({ minimum: 1, description: 'Runs in the batch' }) total: number;
  @ApiInteger({ minimum: 0, description: 'Runs that have ended (recorded)' }) completed: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Runs that have ended, by execution status', example: { success: 3 } })
  byStatus: Record<string, number>;
  @ApiProperty({ type: String, nullable: true, description: 'Why the batch failed (its account suspended, its module deleted, its executor lost), else null' }) error: string | null;
  @ApiDateTime() createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: Date | null;
}

/** GET /api/v1/batches/{id}: how far the batch is, and once it has ended the answers of its runs. */
export class BatchView extends BatchSummary {
  @ApiProperty({
    type: [KeptExecutionResponse],
    description: "Once the batch has ended: one per run, in the order of `runs`, each kept cut to the tier's `maxStoredResultBytes`; before: empty",
  })
  results: KeptExecutionResponse[];
  @ApiPropertyOptional({ type: CallbackView, description: 'With a `callbackUrl`: whether it was delivered, and every attempt' })
  callback?: CallbackView;
}

export class BatchPage {
  @ApiProperty({ type: [BatchSummary] }) items: BatchSummary[];
  @ApiProperty({ type: String, nullable: true, description: 'The `cursor` of the next page; null on the last' }) nextCursor: string | null;
}

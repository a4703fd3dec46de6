import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsOptional, IsString, ValidateNested } from 'class-validator';
import { BATCH_STATUSES, type BatchStatus } from '../common/execution-statuses';
import { ExecuteStoredModuleDto } from '../executions/execute-stored.dto';
import { ExecutionResponse } from '../executions/execution-response';

/** POST /api/v1/modules/:id/batches. */
export class CreateBatchDto {
  // The count is checked by the quota guard (executionsOfBatch) before anything is charged.
  @ApiProperty({
    type: [ExecuteStoredModuleDto],
    minItems: 1,
    description: "The runs, each with the fields of a single run; at most the tier's `maxBatchRuns`, each one execution of the day",
  })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ExecuteStoredModuleDto)
  runs: ExecuteStoredModuleDto[];

  @ApiPropertyOptional({ default: true, description: 'true: answer once every run has ended; false: 202 at once, poll GET /api/v1/batches/{id}' })
  @IsOptional() @IsBoolean() wait?: boolean;

  @ApiPropertyOptional({ format: 'uri', description: 'Told (a signed POST of the batch) when the batch ends' })
  @IsOptional() @IsString() callbackUrl?: string;
}

/** The answer of a batch that was waited for. */
export class BatchAnswer {
  @ApiProperty({ format: 'uuid', description: 'GET /api/v1/batches/{id}' }) id: string;
  @ApiProperty({ enum: BATCH_STATUSES, enumName: 'BatchStatus' }) status: BatchStatus;
  @ApiProperty({ type: [ExecutionResponse], description: 'One per run, in the order of `runs`, each the answer of a single run' })
  results: ExecutionResponse[];
}

import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScope } from '../access/auth.decorators';
import { KeyPrincipal } from '../access/principal';
import { MODULE_REFUSALS } from '../http/problem-codes';
import { IdParam } from '../http/uuid-param.pipe';
import { ApiProblems } from '../openapi/api-problems';
import { QuotaLimited } from '../quotas/quota.guard';
import { storedRunInput } from '../executions/execute-stored.dto';
import { BatchAnswer, CreateBatchDto } from './batch-dtos';
import { executionsOfBatch } from './batch-size';
import { BatchesService } from './batches.service';

@ApiTags('batches')
@RequireScope('execute')
@ApiProblems(
  'batch_empty',
  'batch_too_large',
  'input_too_large',
  'invalid_args',
  'invalid_env',
  'invalid_files',
  'invalid_output_files',
  'invalid_clock',
  'invalid_random_seed',
  'validation_failed',
  ...MODULE_REFUSALS,
  'capacity_exhausted',
  'recording_unavailable',
)
@Controller('api/v1')
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  @Post('modules/:id/batches')
  @HttpCode(HttpStatus.OK)
  @QuotaLimited(executionsOfBatch)
  @ApiOperation({
    summary: "Run a stored module of the caller's account once per input",
    description:
      "The module is compiled once; each run takes one execution of the day, and a batch larger than what is left today is refused whole (429, policy `day`) with nothing taken. Runs share the account's concurrency and the fair pool queue.",
  })
  @ApiOkResponse({ type: BatchAnswer, description: 'Every run ended: `results` in the order of `runs`' })
  async create(@IdParam('Module') id: string, @Body() body: CreateBatchDto, @CurrentKey() principal: KeyPrincipal): Promise<BatchAnswer> {
    const inputs = body.runs.map(storedRunInput);
    return this.batches.runNow(principal, { moduleId: id, inputs, callbackUrl: body.callbackUrl ?? null });
  }
}

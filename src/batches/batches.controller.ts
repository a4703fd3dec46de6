import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentKey, RequireScope } from '../access/auth.decorators';
import { KeyPrincipal } from '../access/principal';
import { CursorPageQuery } from '../http/pagination';
import { IdParam } from '../http/uuid-param.pipe';
import { ModuleRef, ModuleRefParam } from '../wasm-modules/module-ref';
import { ApiProblems } from '../http/api-problems';
import { QuotaLimited, runSlotOf } from '../quotas/quota.guard';
import { RUN_PROBLEMS } from '../executions/run-input';
import { BatchAnswer, BatchPage, BatchView, CreateBatchDto, QueuedBatch } from './batch-dtos';
import { executionsOfBatch } from './batch-size';
import { BatchesService } from './batches.service';

@ApiTags('batches')
@RequireScope('execute')
@Controller('api/v1')
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  @Post('modules/:id/batches')
  @HttpCode(HttpStatus.OK)
  @QuotaLimited({ executionsOf: executionsOfBatch, queueable: true })
  @ApiOperation({
    summary: "Run a stored module of the caller's account once per input, named by id, name (its latest version) or `name@version`",
    description:
      "The module is compiled once; each run takes one execution of the day, and a batch larger than what is left today is refused whole (429, policy `day`) with nothing taken. Runs share the account's concurrency and the fair pool queue. With `wait: false` the batch is queued (202) and polled at its Location.",
  })
  @ApiProblems('batch_empty', 'batch_too_large', 'unknown_module_name', 'unknown_module_version', 'validation_failed', 'invalid_callback_url', ...RUN_PROBLEMS)
  @ApiOkResponse({ type: BatchAnswer, description: 'Every run ended: `results` in the order of `runs`. With WASMWIZ_ROLE=api, a batch its executor could not finish (the account suspended, the module deleted meanwhile) is answered `failed` with its `error`' })
  @ApiAcceptedResponse({ type: QueuedBatch, description: '`wait: false`: queued; poll the Location, GET /api/v1/batches/{id}', headers: { Location: { schema: { type: 'string' } } } })
  async createBatch(
    @ModuleRefParam() module: ModuleRef,
    @Body() body: CreateBatchDto,
    @CurrentKey() principal: KeyPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Req() http: FastifyRequest,
  ): Promise<BatchAnswer | QueuedBatch> {
    const request = { module, runs: body.runs, callbackUrl: body.callbackUrl ?? null };
    const slot = runSlotOf(http, reply);
    await slot.settle(body.wait === false);
    if (body.wait !== false) return this.batches.runNow(principal, request, slot.held());
    const queued = await this.batches.submit(principal, request);
    reply.status(HttpStatus.ACCEPTED).header('Location', `/api/v1/batches/${queued.id}`);
    return queued;
  }

  @Get('batches')
  @ApiOperation({ summary: "The caller's account's batches, newest first" })
  @ApiOkResponse({ type: BatchPage })
  listBatches(@Query() query: CursorPageQuery, @CurrentKey() principal: KeyPrincipal): Promise<BatchPage> {
    return this.batches.list(principal.account.id, query.limit, query.cursor);
  }

  @Get('batches/:id')
  @ApiOperation({ summary: 'A batch: how far it is, and once it has ended the answers of its runs' })
  @ApiOkResponse({ type: BatchView })
  @ApiProblems('not_found')
  getBatch(@IdParam('Batch') id: string, @CurrentKey() principal: KeyPrincipal): Promise<BatchView> {
    return this.batches.find(principal.account.id, id);
  }
}

import { Body, Controller, HttpCode, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentKey, RequireScope } from '../access/auth.decorators';
import { KeyPrincipal } from '../access/principal';
import { ApiMultipartBody } from '../http/multipart';
import { isOctetStream, OCTET_STREAM } from '../http/octet-stream';
import { ApiProblems } from '../http/api-problems';
import { ApiRequestContent } from '../http/request-content';
import { QuotaLimited, runSlotOf } from '../quotas/quota.guard';
import { ModuleRef, ModuleRefParam } from '../wasm-modules/module-ref';
import { ExecuteStoredModuleDto, storedRunInput } from './execute-stored.dto';
import { ExecuteUploadForm, readExecuteUpload } from './execute-upload';
import { ExecutionResponse } from './execution-response';
import { ExecutionsService } from './executions.service';
import { answerable, ApiRunAnswer, QueuedRunView, runAnswer, wantsOctetStream } from './run-answer';
import { RUN_PROBLEMS } from './run-input';
import { readStdinRun, refuseQueryWithJson, StoredRunQuery } from './stored-run-query';

@ApiTags('executions')
@RequireScope('execute')
@QuotaLimited({ queueable: true })
@ApiProblems(...RUN_PROBLEMS)
@Controller('api/v1')
export class ExecuteController {
  constructor(private readonly executions: ExecutionsService) {}

  @Post('execute')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Run an uploaded module once', description: 'The module is validated, run and recorded; it is not stored.' })
  @ApiMultipartBody(ExecuteUploadForm)
  @ApiProblems('missing_field', 'validation_failed')
  @ApiRunAnswer()
  async executeUpload(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentKey() principal: KeyPrincipal,
  ): Promise<ExecutionResponse | QueuedRunView | Buffer> {
    const octetStream = wantsOctetStream(request);
    const run = await this.executions.runUpload(principal, async (rules) => {
      const upload = await readExecuteUpload(request, rules);
      return { ...upload, input: answerable(octetStream, upload.input) };
    }, runSlotOf(request, reply));
    return runAnswer(octetStream, reply, run);
  }

  @Post('modules/:id/executions')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: "Run a stored module of the caller's account, named by id, name (its latest version) or `name@version`",
    description: 'The body is JSON, or (`Content-Type: application/octet-stream`) stdin itself, streamed as it is, with the other fields in the query.',
  })
  @ApiExtraModels(ExecuteStoredModuleDto)
  @ApiRequestContent({
    'application/json': { schema: { $ref: getSchemaPath(ExecuteStoredModuleDto) } },
    [OCTET_STREAM]: { schema: { type: 'string', format: 'binary', description: "stdin, as the guest reads it; at most the tier's `maxInputBytes`" } },
  })
  @ApiProblems('unknown_module_name', 'unknown_module_version')
  @ApiRunAnswer()
  async executeStoredModule(
    @ModuleRefParam() id: ModuleRef,
    @Body() body: ExecuteStoredModuleDto,
    @Query() query: StoredRunQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentKey() principal: KeyPrincipal,
  ): Promise<ExecutionResponse | QueuedRunView | Buffer> {
    const octetStream = wantsOctetStream(request);
    if (isOctetStream(request)) {
      const run = await this.executions.runStored(principal, id, async (rules) => answerable(octetStream, await readStdinRun(request, query, rules)), runSlotOf(request, reply));
      return runAnswer(octetStream, reply, run);
    }
    refuseQueryWithJson(query);
    const run = await this.executions.runStored(principal, id, answerable(octetStream, storedRunInput(body)), runSlotOf(request, reply));
    return runAnswer(octetStream, reply, run);
  }
}

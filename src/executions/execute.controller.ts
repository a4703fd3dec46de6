import { Body, Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentKey, RequireScope } from '../access/auth.decorators';
import { KeyPrincipal } from '../access/principal';
import { badRequest } from '../http/problem';
import { MODULE_REFUSALS } from '../http/problem-codes';
import { ApiMultipartBody } from '../http/multipart';
import { IdParam } from '../http/uuid-param.pipe';
import { CompiledModuleCache } from '../wasm-modules/compiled-module-cache.service';
import { moduleCapsOf } from '../wasm-modules/module-validator';
import { StoredModulesService } from '../wasm-modules/stored-modules.service';
import { ApiProblems } from '../openapi/api-problems';
import { QuotaLimited } from '../quotas/quota.guard';
import { ExecuteStoredModuleDto } from './execute-stored.dto';
import { ExecuteUploadForm, readExecuteUpload } from './execute-upload';
import { ExecutionResponse } from './execution-response';
import { ExecutionsService } from './executions.service';
import { checkClock, checkRandomSeed } from './determinism-input';
import { checkArgs, checkEnv } from './guest-input';
import { parseGuestFiles } from './guest-files';
import { dataBytes, InputLimit } from './input-limit';

@ApiTags('executions')
@RequireScope('execute')
@QuotaLimited()
@ApiProblems('input_too_large', 'invalid_args', 'invalid_env', 'invalid_clock', 'invalid_random_seed', ...MODULE_REFUSALS, 'capacity_exhausted', 'recording_unavailable')
@Controller('api/v1')
export class ExecuteController {
  constructor(
    private readonly executions: ExecutionsService,
    private readonly compiled: CompiledModuleCache,
    private readonly stored: StoredModulesService,
  ) {}

  @Post('execute')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Run an uploaded module once', description: 'The module is validated, run and recorded; it is not stored.' })
  @ApiMultipartBody(ExecuteUploadForm)
  @ApiProblems('missing_field')
  @ApiOkResponse({ type: ExecutionResponse, description: 'The run ended: `status` says how' })
  async execute(@Req() request: FastifyRequest, @CurrentKey() principal: KeyPrincipal): Promise<ExecutionResponse> {
    const limits = principal.limits;
    const origin = { principal, moduleSha256: null as string | null, moduleId: null, inputBytes: 0 };
    const upload = await this.executions.prepareOrRecord(origin, () => readExecuteUpload(request, principal));
    Object.assign(origin, { moduleSha256: upload.wasmSha256, inputBytes: upload.stdin.length });
    const prepared = await this.executions.prepareOrRecord(origin, () => this.compiled.prepare(upload.wasm, upload.wasmSha256, moduleCapsOf(principal)));
    const { clock, randomSeed } = upload;
    const run = { moduleName: upload.wasmName, stdin: upload.stdin, args: upload.args, env: upload.env, files: [], limits, clock, randomSeed };
    return this.executions.run(prepared, run, origin);
  }

  @Post('modules/:id/executions')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Run a stored module of the caller's account" })
  @ApiProblems('invalid_files')
  @ApiOkResponse({ type: ExecutionResponse, description: 'The run ended: `status` says how' })
  async executeStored(
    @IdParam('Module') id: string,
    @Body() body: ExecuteStoredModuleDto,
    @CurrentKey() principal: KeyPrincipal,
  ): Promise<ExecutionResponse> {
    if (body.stdin !== undefined && body.stdinBase64 !== undefined) {
      throw badRequest('validation_failed', 'Give `stdin` or `stdinBase64`, not both', { field: 'stdinBase64' });
    }
    const tierLimits = principal.limits;
    if (body.timeoutMs !== undefined && body.timeoutMs > tierLimits.timeoutMs) {
      throw badRequest('validation_failed', `timeoutMs ${body.timeoutMs} is over the limit of ${tierLimits.timeoutMs} ms`, { field: 'timeoutMs' });
    }
    const limits = { ...tierLimits, timeoutMs: body.timeoutMs ?? tierLimits.timeoutMs };
    const stdin = body.stdinBase64 !== undefined ? Buffer.from(body.stdinBase64, 'base64') : Buffer.from(body.stdin ?? '');
    const files = parseGuestFiles(body.files);
    const args = checkArgs(body.args ?? []);
    const env = checkEnv(body.env ?? {});
    const determinism = { clock: checkClock(body.clock), randomSeed: checkRandomSeed(body.randomSeed) };
    InputLimit.of(principal).check({ stdin, files, args, env });
    const origin = { principal, moduleSha256: null as string | null, moduleId: id, inputBytes: dataBytes({ stdin, files }) };
    const { module, prepared } = await this.executions.prepareOrRecord(origin, () => this.stored.prepareForRun(principal.account.id, id, moduleCapsOf(principal)));
    origin.moduleSha256 = module.sha256;
    const run = { moduleName: module.name, stdin, args, env, files, outputEncoding: body.outputEncoding, limits, ...determinism };
    return this.executions.run(prepared, run, origin);
  }
}

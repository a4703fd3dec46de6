import { Body, Controller, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentKey, RequireScope } from '../auth/auth.decorators';
import { KeyPrincipal } from '../auth/principal';
import { badRequest } from '../http/problem';
import { UuidParam } from '../http/uuid-param.pipe';
import { CompiledModuleCache } from '../modules/compiled-module-cache.service';
import { moduleCapsOf } from '../modules/module-validator';
import { StoredModulesService } from '../modules/stored-modules.service';
import { QuotaLimited } from '../quotas/quota.guard';
import { ExecuteStoredModuleDto } from './execute-stored.dto';
import { readExecuteUpload } from './execute-upload';
import type { ExecutionResponse } from './execution-response';
import { ExecutionsService } from './executions.service';
import { checkClock, checkRandomSeed } from './determinism-input';
import { checkArgs, checkEnv } from './guest-input';
import { parseGuestFiles } from './guest-files';
import { dataBytes, InputLimit } from './input-limit';

@ApiTags('executions')
@ApiBearerAuth()
@RequireScope('execute')
@QuotaLimited()
@Controller('api/v1')
export class ExecuteController {
  constructor(
    private readonly executions: ExecutionsService,
    private readonly compiled: CompiledModuleCache,
    private readonly stored: StoredModulesService,
  ) {}

  /** One-shot run of an uploaded module (multipart `wasm`, `input`, `args`, `env`, `clock`, `randomSeed`). */
  @Post('execute')
  @HttpCode(HttpStatus.OK)
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

  /** Runs a stored module of the caller's account with a JSON body. */
  @Post('modules/:id/executions')
  @HttpCode(HttpStatus.OK)
  async executeStored(
    @Param('id', new UuidParam('Module')) id: string,
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

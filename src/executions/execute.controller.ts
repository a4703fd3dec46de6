import { Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScope } from '../auth/auth.decorators';
import { KeyPrincipal } from '../auth/principal';
import type { ExecutionResponse } from './execution-response';
import { ExecutionsService } from './executions.service';
import { readExecuteUpload } from './multipart-upload';

@ApiTags('executions')
@ApiBearerAuth()
@RequireScope('execute')
@Controller('api/v1')
export class ExecuteController {
  constructor(private readonly executions: ExecutionsService) {}

  /** One-shot run of an uploaded module. */
  @Post('execute')
  @HttpCode(HttpStatus.OK)
  async execute(@Req() request: FastifyRequest, @CurrentKey() principal: KeyPrincipal): Promise<ExecutionResponse> {
    const limits = principal.limits;
    const upload = await readExecuteUpload(request, limits);
    const prepared = await this.executions.prepareUpload(upload.wasm, upload.wasmSha256, limits);
    return this.executions.run(prepared, {
      moduleName: upload.wasmName,
      stdin: upload.stdin,
      args: upload.args,
      env: upload.env,
      files: [],
      limits,
    });
  }
}

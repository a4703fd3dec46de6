import { Controller, HttpCode, HttpStatus, Inject, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { ExecutionResponse } from './execution-response';
import { ExecutionsService } from './executions.service';
import { readExecuteUpload } from './multipart-upload';

@Controller('api/v1')
export class ExecuteController {
  constructor(
    private readonly executions: ExecutionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One-shot run of an uploaded module. */
  @Post('execute')
  @HttpCode(HttpStatus.OK)
  async execute(@Req() request: FastifyRequest): Promise<ExecutionResponse> {
    const limits = this.config.ceilings;
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

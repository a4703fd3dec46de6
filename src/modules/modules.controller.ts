import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentKey, RequireScope } from '../auth/auth.decorators';
import { KeyPrincipal } from '../auth/principal';
import { IntegerField } from '../http/field-rules';
import { readMultipart } from '../http/multipart';
import { badRequest } from '../http/problem';
import { UuidParam } from '../http/uuid-param.pipe';
import { moduleCapsOf, moduleTooLarge } from './module-validator';
import { StoredModulesService } from './stored-modules.service';

class ModuleListQuery {
  @IsOptional() @IntegerField(1, 200) limit = 50;
  @IsOptional() @IsString() cursor?: string;
}

const NAME_BYTES = 200;
const DESCRIPTION_BYTES = 2000;

@ApiTags('modules')
@ApiBearerAuth()
@RequireScope('modules')
@Controller('api/v1/modules')
export class ModulesController {
  constructor(private readonly modules: StoredModulesService) {}

  /** Multipart `wasm`, `name`, `description`: 201 when stored, 200 when the account already had these bytes. */
  @Post()
  async upload(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentKey() principal: KeyPrincipal) {
    const limits = principal.limits;
    const body = await readMultipart(request, {
      route: 'POST /api/v1/modules',
      files: { wasm: { limit: limits.maxModuleBytes, tooLarge: () => moduleTooLarge(null, limits.maxModuleBytes) } },
      fields: { name: { limit: NAME_BYTES }, description: { limit: DESCRIPTION_BYTES } },
    });
    const wasm = body.files.wasm;
    if (!wasm) throw badRequest('missing_field', 'The file field `wasm` is required', { field: 'wasm' });
    const name = (body.fields.name ?? wasm.filename ?? '').trim();
    if (!name) throw badRequest('missing_field', 'Give the module a `name` (or upload it with a file name)', { field: 'name' });
    const upload = { bytes: wasm.bytes, sha256: wasm.sha256, name, description: body.fields.description ?? null };
    const { module, created } = await this.modules.store(principal.account.id, upload, moduleCapsOf(principal));
    reply.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return module;
  }

  @Get()
  list(@Query() query: ModuleListQuery, @CurrentKey() principal: KeyPrincipal) {
    return this.modules.list(principal.account.id, query.limit, query.cursor);
  }

  @Get(':id')
  get(@Param('id', new UuidParam('Module')) id: string, @CurrentKey() principal: KeyPrincipal) {
    return this.modules.get(principal.account.id, id);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async remove(@Param('id', new UuidParam('Module')) id: string, @CurrentKey() principal: KeyPrincipal): Promise<void> {
    await this.modules.remove(principal.account.id, id);
  }
}

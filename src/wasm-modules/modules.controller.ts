import { Controller, Delete, Get, HttpCode, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentKey, RequireScope } from '../access/auth.decorators';
import { KeyPrincipal } from '../access/principal';
import { ApiMultipartBody, readMultipart } from '../http/multipart';
import { problem } from '../http/problem';
import { MODULE_REFUSALS } from '../http/problem-codes';
import { CursorPageQuery } from '../http/pagination';
import { ApiProblems } from '../http/api-problems';
import { moduleCapsOf, moduleTooLarge } from './module-validator';
import { isModuleName, ModuleRef, ModuleRefParam, NAME_RULES } from './module-ref';
import { ModulePage, ModuleView } from './module-views';
import { StoredModulesService } from './stored-modules.service';
import { UploadSlots } from './upload-slots';

const NAME_BYTES = 200;
const DESCRIPTION_BYTES = 2000;

class ModuleUploadForm {
  @ApiProperty({ type: 'string', format: 'binary', description: "The module (a WASI command); at most the tier's `maxModuleBytes`" })
  wasm: Blob;

  @ApiPropertyOptional({ description: `${NAME_RULES}; default: the file name of \`wasm\`. New bytes under a name the account has make its next version.` })
  name?: string;

  @ApiPropertyOptional({ description: `At most ${DESCRIPTION_BYTES} bytes` })
  description?: string;
}

@ApiTags('modules')
@RequireScope('modules')
@Controller('api/v1/modules')
export class ModulesController {
  constructor(
    private readonly modules: StoredModulesService,
    private readonly uploadSlots: UploadSlots,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Store a module',
    description:
      'Validated once, its bytes kept once by their sha256 (under any number of names and accounts). New bytes under a name the account has make its next version (`name@2`); the bytes of its latest version again give that version.',
  })
  @ApiMultipartBody(ModuleUploadForm)
  @ApiProblems('missing_field', 'invalid_name', 'invalid_description', 'rate_limited', 'stored_modules_full', ...MODULE_REFUSALS)
  @ApiCreatedResponse({ type: ModuleView, description: 'Stored' })
  @ApiOkResponse({ type: ModuleView, description: 'The account already had these bytes' })
  async uploadModule(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentKey() principal: KeyPrincipal) {
    // Taken before the body is read: what an account's uploads hold at once is bounded.
    const release = await this.uploadSlots.take(principal.account.id);
    try {
      return await this.store(request, reply, principal);
    } finally {
      release();
    }
  }

  private async store(request: FastifyRequest, reply: FastifyReply, principal: KeyPrincipal): Promise<ModuleView> {
    const limits = principal.limits;
    const body = await readMultipart(request, {
      route: 'POST /api/v1/modules',
      files: { wasm: { limit: limits.maxModuleBytes, tooLarge: () => moduleTooLarge(null, moduleCapsOf(principal)) } },
      fields: { name: { limit: NAME_BYTES }, description: { limit: DESCRIPTION_BYTES } },
    });
    const wasm = body.files.wasm;
    if (!wasm) throw problem('missing_field', 'The file field `wasm` is required', { field: 'wasm' });
    const name = (body.fields.name ?? wasm.filename ?? '').trim();
    if (!name) throw problem('missing_field', 'Give the module a `name` (or upload it with a file name)', { field: 'name' });
    if (!isModuleName(name)) throw problem('invalid_name', `The module name ${JSON.stringify(name)} breaks the rules: ${NAME_RULES}`, { field: 'name' });
    const upload = { bytes: wasm.bytes, sha256: wasm.sha256, name, description: body.fields.description ?? null };
    const storage = { maxStoredModuleBytes: principal.tier.maxStoredModuleBytes, tier: principal.tier.name };
    const { module, created } = await this.modules.store(principal.account.id, upload, moduleCapsOf(principal), storage);
    reply.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return module;
  }

  @Get()
  @ApiOperation({ summary: "The account's modules, newest first" })
  @ApiProblems('invalid_cursor')
  @ApiOkResponse({ type: ModulePage })
  listModules(@Query() query: CursorPageQuery, @CurrentKey() principal: KeyPrincipal) {
    return this.modules.list(principal.account.id, query.limit, query.cursor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One module of the account: by id, name (its latest version) or `name@version`' })
  @ApiProblems('unknown_module_name', 'unknown_module_version')
  @ApiOkResponse({ type: ModuleView })
  getModule(@ModuleRefParam() ref: ModuleRef, @CurrentKey() principal: KeyPrincipal) {
    return this.modules.get(principal.account.id, ref);
  }

  @Get(':id/versions')
  @ApiOperation({ summary: "The versions of a module's name, newest first", description: 'By name, or by the id or `name@version` of any of its versions.' })
  @ApiProblems('invalid_cursor', 'unknown_module_name', 'unknown_module_version')
  @ApiOkResponse({ type: ModulePage })
  listModuleVersions(@ModuleRefParam() ref: ModuleRef, @Query() query: CursorPageQuery, @CurrentKey() principal: KeyPrincipal) {
    return this.modules.versions(principal.account.id, ref, query.limit, query.cursor);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a module of the account', description: 'By id or `name@version`: that version; by a bare name: every version of it.' })
  @ApiProblems('unknown_module_name', 'unknown_module_version')
  @ApiNoContentResponse({ description: 'Deleted' })
  async deleteModule(@ModuleRefParam() ref: ModuleRef, @CurrentKey() principal: KeyPrincipal): Promise<void> {
    await this.modules.remove(principal.account.id, ref);
  }
}

import { EXECUTION_STATUSES } from './common/execution-statuses';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { KEY_SCOPES, type KeyScope } from './schema/api-key.entity';
import { RETIREMENTS, type Retirement } from './auth/key-rules';
import { POLICY_NAMES, type PolicyName } from './quotas/quota-policy';
import { PROBLEM_SCHEMA_NAME } from './http/problem-responses';
import { ceilingOf, LIMIT_SOURCES, type LimitSource, RUN_LIMIT_NAMES } from './common/limits';
import { ALL_PROBLEM_CODES, type ProblemCode } from './http/problem-codes';

export class FieldErrors {
  @ApiProperty({ example: 'timeoutMs' }) field: string;
  @ApiProperty({ type: [String] }) messages: string[];
}

/**
 * The body of every 4xx and 5xx answer (`application/problem+json`, RFC 9457), as ProblemBody
 * makes it. The members after `instance` are extensions, each given by the problems named in
 * its description; a new extension is described here.
 */
@ApiSchema({ name: PROBLEM_SCHEMA_NAME })
export class ProblemSchema {
  @ApiProperty({ format: 'uri', example: 'https://wasmwiz.dev/problems/validation-failed' }) type: string;
  @ApiProperty({ example: 'Bad request', description: "The code's title: the same in every answer of that code" }) title: string;
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599 }) status: number;
  @ApiProperty({ enum: ALL_PROBLEM_CODES, enumName: 'ProblemCode', description: 'Stable: branch on it, not on `title` or `detail`' })
  code: ProblemCode;
  @ApiProperty({ description: 'What went wrong, naming the field, limit or import' }) detail: string;
  @ApiPropertyOptional({ format: 'uri-reference', description: 'The request path' }) instance?: string;

  @ApiPropertyOptional({ description: 'The field at fault (`files.<path>` for one file)' }) field?: string;
  @ApiPropertyOptional({ type: [FieldErrors], description: '`validation_failed`: every field that is wrong, and why' })
  errors?: FieldErrors[];
  @ApiPropertyOptional({ description: '`invalid_callback_url`: why the URL is refused' })
  reason?: string;
  @ApiPropertyOptional({ example: 'gzip', description: '`unsupported_content_encoding`: the Content-Encoding the body came with' })
  encoding?: string;
  @ApiPropertyOptional({ example: 'multipart/form-data', description: '`unsupported_media_type` for a body some routes take: its media type' })
  mediaType?: string;
  @ApiPropertyOptional({ type: [String], example: ['application/json'], description: '`unsupported_media_type` for a body some routes take: the media types this route takes' })
  accepted?: string[];
  @ApiPropertyOptional({ type: 'integer', description: '413: the limit that was passed, in bytes; `module_memory_too_large`: the memory limit' })
  limitBytes?: number;
  @ApiPropertyOptional({ enum: LIMIT_SOURCES, enumName: 'LimitSource', description: '413: what set the limit (`limit`), the tier or a server setting (`setting`)' })
  limitSource?: LimitSource;
  @ApiPropertyOptional({ enum: RUN_LIMIT_NAMES.map((name) => ceilingOf(name).env), description: '413 set by the server: the setting whose value applied' })
  setting?: string;
  @ApiPropertyOptional({ example: 'pro', description: '413 set by the tier, `module_structure_too_large`: the tier whose limit it is' })
  tier?: string;
  @ApiPropertyOptional({ type: 'integer', description: "`stored_modules_full`: the bytes the account's stored modules take" }) usedBytes?: number;
  @ApiPropertyOptional({ type: 'integer', description: '`stored_modules_full`: the bytes of the module refused' }) moduleBytes?: number;
  @ApiPropertyOptional({ type: 'integer', description: '`module_memory_too_large`: the initial memory the module declares' })
  declaredBytes?: number;
  @ApiPropertyOptional({ type: [String], description: '`module_import_not_allowed`: the refused imports' }) imports?: string[];
  @ApiPropertyOptional({ type: 'integer', description: '`module_structure_too_large`: how many the module declares (or how deep it nests)' })
  declared?: number;
  @ApiPropertyOptional({ type: 'integer', description: '`module_structure_too_large`, `batch_too_large`: how many the tier allows' })
  allowed?: number;
  @ApiPropertyOptional({ type: 'integer', description: '`batch_too_large`: how many runs the batch carries' }) runs?: number;
  @ApiPropertyOptional({ type: 'integer', description: '`body_too_deep`: how deep a body may nest' }) maxDepth?: number;
  @ApiPropertyOptional({ type: 'integer', description: '`body_too_wide`: how many properties an object (or the whole body) may have' }) maxProperties?: number;
  @ApiPropertyOptional({ enum: KEY_SCOPES, enumName: 'KeyScope', description: '`forbidden`: the scope the route needs' })
  requiredScope?: KeyScope;
  @ApiPropertyOptional({ enum: KEY_SCOPES, enumName: 'KeyScope', isArray: true, description: '`scope_not_held`: the scopes of the key acted on that the calling key lacks' })
  missingScopes?: KeyScope[];
  @ApiPropertyOptional({ enum: RETIREMENTS, enumName: 'KeyRetirement', description: '`key_retired`: why the key is no longer current' })
  keyState?: Retirement;
  @ApiPropertyOptional({ format: 'uuid', description: '`key_retired` for a replaced key: its successor' }) replacedBy?: string;
  @ApiPropertyOptional({ enum: POLICY_NAMES, description: '`rate_limited`: the window that refused' }) policy?: PolicyName;
  @ApiPropertyOptional({
    oneOf: [{ type: 'integer' }, { type: 'string' }],
    description: "`rate_limited`: the policy's limit; `recording_unavailable`: the backlog limit; `module_structure_too_large`: the structure over its limit (`functions`, `locals`...); 413 and `stored_modules_full`: the limit that applied (`maxInputBytes`, `maxModuleBytes`, `jsonBodyBytes`, `maxBatchRuns`, `maxStoredModuleBytes`)",
  })
  limit?: number | string;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: '`rate_limited`: the window length (null for concurrency)' })
  windowSeconds?: number | null;
  @ApiPropertyOptional({ type: 'integer', description: 'When trying again can succeed (also in Retry-After)' }) retryAfterSeconds?: number;
  @ApiPropertyOptional({ type: 'integer', description: '`rate_limited`: the executions the request needed from the day (a batch: one per run)' }) executions?: number;
  @ApiPropertyOptional({ type: 'integer', description: '`recording_unavailable`: execution records waiting for the database' })
  backlog?: number;
  @ApiPropertyOptional({ description: '`unknown_module_name`, `unknown_module_version`: the module name asked for' }) name?: string;
  @ApiPropertyOptional({ type: 'integer', description: '`unknown_module_version`: the version asked for' }) version?: number;
  @ApiPropertyOptional({ type: 'integer', description: '`unknown_module_version`: the newest version of the name' }) latestVersion?: number;
  @ApiPropertyOptional({ enum: EXECUTION_STATUSES, enumName: 'RecordedStatus', description: '`execution_final`: the status the execution ended with' })
  executionStatus?: string;
}

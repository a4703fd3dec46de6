import { ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsArray, IsBase64, IsIn, IsInt, IsObject, IsOptional, IsString, Min } from 'class-validator';
import { ApiOptionalInteger } from '../openapi/properties';
import { CLOCK_MODES } from '../common/run-input';
import { FIXED_CLOCK, RANDOM_SEED } from './determinism-input';
import { OUTPUT_ENCODINGS, type OutputEncoding } from './execution-response';
import { MAX_FILES } from './guest-files';
import { MAX_ARGS, MAX_ENV } from './guest-input';

/** POST /api/v1/modules/:id/executions. */
export class ExecuteStoredModuleDto {
  @ApiPropertyOptional({ description: 'stdin as text (UTF-8); not with `stdinBase64`' })
  @IsOptional() @IsString() stdin?: string;

  @ApiPropertyOptional({ format: 'byte', description: 'stdin as base64, for binary input; not with `stdin`' })
  @IsOptional() @IsBase64() stdinBase64?: string;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_ARGS, description: "argv[1..]; argv[0] is the module's name" })
  @IsOptional() @IsArray() @IsString({ each: true }) args?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, maxProperties: MAX_ENV, example: { NAME: 'value' } })
  @IsOptional() @IsObject() env?: Record<string, string>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', format: 'byte' },
    maxProperties: MAX_FILES,
    description: "Files of the guest's writable root directory: path -> base64 content; with stdin, at most the tier's `maxInputBytes`",
    example: { 'data/input.txt': 'aGVsbG8=' },
  })
  @IsOptional() @IsObject() files?: Record<string, string>;

  @ApiPropertyOptional({ enum: OUTPUT_ENCODINGS, enumName: 'OutputEncoding', description: 'base64 forces base64 for stdout and stderr' })
  @IsOptional() @IsIn(OUTPUT_ENCODINGS) outputEncoding?: OutputEncoding;

  @ApiOptionalInteger({ minimum: 1, description: "A timeout below the tier's, in milliseconds" })
  @IsOptional() @IsInt() @Min(1) timeoutMs?: number;

  // Checked by the controller (checkClock, checkRandomSeed), as on the multipart route.
  @ApiPropertyOptional({ enum: CLOCK_MODES, enumName: 'ClockMode', description: FIXED_CLOCK })
  @Allow() clock?: unknown;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER, description: RANDOM_SEED })
  @Allow() randomSeed?: unknown;
}

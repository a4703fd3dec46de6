import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Allow, IsArray, IsBase64, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { ApiOptionalInteger } from '../http/api-properties';
import { CLOCK_MODES } from '../common/run-input';
import { problem } from '../http/problem';
import { isUtf8Text } from '../http/field-rules';
import { invalidField } from '../http/validation-problem';
import { checkClock, checkRandomSeed, FIXED_CLOCK, RANDOM_SEED } from './determinism-input';
import { OUTPUT_ENCODINGS, type OutputEncoding } from './execution-response';
import { MAX_FILES, parseGuestFiles } from './guest-files';
import { checkArgs, checkEnv, MAX_ARGS, MAX_ENV } from './guest-input';
import { checkOutputFiles, MAX_OUTPUT_FILE_PATTERNS, OUTPUT_FILES } from './output-files';
import { ASYNC_WAIT, CALLBACK_URL } from './async-fields';
import { asyncFields, MAX_CALLBACK_URL_BYTES } from './run-fields';
import type { RunRequest } from './run-input';

/**
 * A map of the caller's names (env variables, file paths) taken as sent: class-transformer copies
 * a plain object leaving out every key the copy already has as a method (`toString`, `valueOf`,
 * `hasOwnProperty`...), so an env variable or a file of such a name was dropped unseen.
 */
const AsSent = () => Transform(({ obj, key }) => (obj as Record<string, unknown>)[key], { toClassOnly: true });

/** POST /api/v1/modules/:id/executions. */
export class ExecuteStoredModuleDto {
  @ApiPropertyOptional({ description: 'stdin as text (UTF-8); not with `stdinBase64`' })
  @IsOptional() @IsString() stdin?: string;

  @ApiPropertyOptional({ format: 'byte', description: 'stdin as base64, for binary input; not with `stdin`' })
  @IsOptional() @IsBase64() stdinBase64?: string;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_ARGS, description: "argv[1..]; argv[0] is the module's name" })
  @IsOptional() @IsArray() @IsString({ each: true }) args?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, maxProperties: MAX_ENV, example: { NAME: 'value' } })
  @IsOptional() @IsObject() @AsSent() env?: Record<string, string>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', format: 'byte' },
    maxProperties: MAX_FILES,
    description: "Files of the guest's writable root directory: path -> base64 content; with stdin, at most the tier's `maxInputBytes`",
    example: { 'data/input.txt': 'aGVsbG8=' },
  })
  @IsOptional() @IsObject() @AsSent() files?: Record<string, string>;

  @ApiPropertyOptional({ enum: OUTPUT_ENCODINGS, enumName: 'OutputEncoding', description: 'base64 forces base64 for stdout and stderr' })
  @IsOptional() @IsIn(OUTPUT_ENCODINGS) outputEncoding?: OutputEncoding;

  // Checked by storedRunInput (checkOutputFiles), as on the multipart route.
  @ApiPropertyOptional({ type: [String], maxItems: MAX_OUTPUT_FILE_PATTERNS, description: OUTPUT_FILES, example: ['out.wav', 'dist/**/*.js'] })
  @Allow() outputFiles?: unknown;

  @ApiOptionalInteger({ minimum: 1, description: "A timeout at most the tier's, in milliseconds" })
  @IsOptional() @IsInt() @Min(1) timeoutMs?: number;

  // Checked by storedRunInput (checkClock, checkRandomSeed), as on the multipart route.
  @ApiPropertyOptional({ enum: CLOCK_MODES, enumName: 'ClockMode', description: FIXED_CLOCK })
  @Allow() clock?: unknown;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER, description: RANDOM_SEED })
  @Allow() randomSeed?: unknown;

  // No `default` in the schema: generators (openapi-typescript) make a property with one required.
  @ApiPropertyOptional({ type: Boolean, description: ASYNC_WAIT })
  @IsOptional() @IsBoolean() wait?: boolean;

  @ApiPropertyOptional({ maxLength: MAX_CALLBACK_URL_BYTES, description: CALLBACK_URL })
  @IsOptional() @IsString() @MaxLength(MAX_CALLBACK_URL_BYTES) callbackUrl?: string;
}

/** The run input of a JSON body. */
export function storedRunInput(body: ExecuteStoredModuleDto): RunRequest {
  if (body.stdin !== undefined && body.stdinBase64 !== undefined) {
    throw problem('validation_failed', 'Give `stdin` or `stdinBase64`, not both', { field: 'stdinBase64' });
  }
  if (body.stdin !== undefined && !isUtf8Text(body.stdin)) {
    throw invalidField('stdin', 'holds an unpaired UTF-16 surrogate (an escape such as \\ud800), which has no UTF-8: it would reach the guest as U+FFFD; send such bytes as `stdinBase64`');
  }
  return {
    stdin: body.stdinBase64 !== undefined ? Buffer.from(body.stdinBase64, 'base64') : Buffer.from(body.stdin ?? ''),
    files: parseGuestFiles(body.files),
    args: checkArgs(body.args ?? []),
    env: checkEnv(body.env ?? {}),
    clock: checkClock(body.clock),
    randomSeed: checkRandomSeed(body.randomSeed),
    outputFiles: checkOutputFiles(body.outputFiles),
    outputEncoding: body.outputEncoding,
    timeoutMs: body.timeoutMs,
    ...asyncFields(body.wait, body.callbackUrl),
  };
}

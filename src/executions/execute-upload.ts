import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { badRequest } from '../http/problem';
import { readMultipart } from '../http/multipart';
import { moduleTooLarge } from '../wasm-modules/module-validator';
import { CLOCK_MODES, type ClockMode } from '../common/run-input';
import { FIXED_CLOCK, RANDOM_SEED } from './determinism-input';
import { OUTPUT_ENCODINGS, type OutputEncoding } from './execution-response';
import type { UploadedRun } from './executions.service';
import { MAX_FILES, parseGuestFilesJson } from './guest-files';
import { OUTPUT_FILES } from './output-files';
import { ASYNC_WAIT, CALLBACK_URL } from './async-fields';
import { MAX_CALLBACK_URL_BYTES, parseRunTextFields, runTextFieldLimits } from './run-fields';
import type { RunRules } from './run-input';

/** The multipart form of POST /api/v1/execute. */
export class ExecuteUploadForm {
  @ApiProperty({ type: 'string', format: 'binary', description: "The module (a WASI command); at most the tier's `maxModuleBytes`" })
  wasm: Blob;

  @ApiPropertyOptional({ type: 'string', format: 'binary', description: 'stdin: a file, or text taken verbatim; counts against the input limit' })
  input?: Blob | string;

  @ApiPropertyOptional({ description: 'argv[1..] as a JSON array of strings (argv[0] is the file name); each NUL-terminated arg counts against the input limit', example: '["--n","10"]' })
  args?: string;

  @ApiPropertyOptional({ description: 'The environment as a JSON object of strings; each NUL-terminated `NAME=value` counts against the input limit', example: '{"NAME":"value"}' })
  env?: string;

  @ApiPropertyOptional({
    description: `Files of the guest's writable root directory as a JSON object, path -> base64; or, streamed, one file part per file named \`files[<path>]\` (both may be used, at most ${MAX_FILES} files in all). With stdin, args and env, at most the tier's \`maxInputBytes\``,
    example: '{"data/input.txt":"aGVsbG8="}',
  })
  files?: string;

  @ApiPropertyOptional({ description: `A JSON array. ${OUTPUT_FILES}`, example: '["out.wav","dist/**/*.js"]' })
  outputFiles?: string;

  @ApiPropertyOptional({ pattern: '^[0-9]+$', description: "A timeout at most the tier's, in milliseconds" })
  timeoutMs?: string;

  @ApiPropertyOptional({ enum: OUTPUT_ENCODINGS, enumName: 'OutputEncoding', description: 'base64 forces base64 for stdout and stderr' })
  outputEncoding?: OutputEncoding;

  @ApiPropertyOptional({ enum: CLOCK_MODES, enumName: 'ClockMode', description: FIXED_CLOCK })
  clock?: ClockMode;

  @ApiPropertyOptional({ pattern: '^-?[0-9]+$', description: `An integer from ${Number.MIN_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER}. ${RANDOM_SEED}` })
  randomSeed?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: ASYNC_WAIT })
  wait?: string;

  @ApiPropertyOptional({ maxLength: MAX_CALLBACK_URL_BYTES, description: CALLBACK_URL })
  callbackUrl?: string;
}

/**
 * The multipart body of POST /api/v1/execute: `wasm` (file), `input` (file or text), `files`
 * (JSON text, or file parts `files[<path>]`), and the text fields every run takes.
 */
export async function readExecuteUpload(request: FastifyRequest, { input, moduleCaps }: RunRules): Promise<UploadedRun> {
  const tooLarge = () => input.tooLarge();
  // stdin and files stream against one budget, the input limit: the first byte past it is refused.
  const data = { limit: input.bytes, tooLarge, budget: input.budget() };
  const body = await readMultipart(request, {
    route: 'POST /api/v1/execute',
    files: {
      wasm: { limit: moduleCaps.maxModuleBytes, tooLarge: () => moduleTooLarge(null, moduleCaps) },
      input: data,
    },
    keyedFiles: {
      files: { ...data, maxParts: MAX_FILES, tooMany: () => badRequest('invalid_files', `\`files\` has more than ${MAX_FILES} entries`, { field: 'files' }) },
    },
    fields: {
      ...runTextFieldLimits(input),
      input: { ...data, binary: true },
      files: { limit: Math.ceil((input.bytes * 4) / 3) + 64 * MAX_FILES + 1024, tooLarge },
    },
  });
  const wasm = body.files.wasm;
  if (!wasm) throw badRequest('missing_field', 'The file field `wasm` is required', { field: 'wasm' });
  const fileParts = (body.keyedFiles.files ?? []).map(({ key, part }) => ({ path: key, data: part.bytes }));
  return {
    wasm: wasm.bytes,
    wasmSha256: wasm.sha256,
    wasmName: wasm.filename || 'module.wasm',
    input: {
      stdin: body.files.input?.bytes ?? Buffer.from(body.fields.input ?? ''),
      files: parseGuestFilesJson(body.fields.files, fileParts),
      ...parseRunTextFields(body.fields),
    },
  };
}

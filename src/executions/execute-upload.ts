import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { KeyPrincipal } from '../auth/principal';
import { badRequest } from '../http/problem';
import { readMultipart } from '../http/multipart';
import { moduleTooLarge } from '../wasm-modules/module-validator';
import { CLOCK_MODES, type ClockMode, type RunDeterminism } from '../common/run-input';
import { DETERMINISM_FIELDS, FIXED_CLOCK, parseDeterminism, RANDOM_SEED } from './determinism-input';
import { parseArgs, parseEnv } from './guest-input';
import { InputLimit } from './input-limit';

export interface ExecuteUpload extends RunDeterminism {
  wasm: Buffer;
  wasmSha256: string;
  wasmName: string;
  stdin: Buffer;
  args: string[];
  env: Record<string, string>;
}

/**
 * What the JSON text of `args` or `env` may add to the input limit: the guest gets the decoded
 * strings, never more bytes than their JSON, which also carries quotes, commas and escapes.
 */
const JSON_SYNTAX_BYTES = 64 * 1024;

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

  @ApiPropertyOptional({ enum: CLOCK_MODES, enumName: 'ClockMode', description: FIXED_CLOCK })
  clock?: ClockMode;

  @ApiPropertyOptional({ pattern: '^-?[0-9]+$', description: `An integer from ${Number.MIN_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER}. ${RANDOM_SEED}` })
  randomSeed?: string;
}

/**
 * The multipart body of POST /api/v1/execute: `wasm` (file), `input` (file or text), `args`,
 * `env`, `clock`, `randomSeed`.
 */
export async function readExecuteUpload(request: FastifyRequest, principal: KeyPrincipal): Promise<ExecuteUpload> {
  const { maxModuleBytes } = principal.limits;
  const input = InputLimit.of(principal);
  const tooLarge = () => input.tooLarge();
  const jsonField = { limit: input.bytes + JSON_SYNTAX_BYTES, tooLarge };
  const body = await readMultipart(request, {
    route: 'POST /api/v1/execute',
    files: {
      wasm: { limit: maxModuleBytes, tooLarge: () => moduleTooLarge(null, maxModuleBytes) },
      input: { limit: input.bytes, tooLarge },
    },
    fields: { input: { limit: input.bytes, tooLarge, binary: true }, args: jsonField, env: jsonField, ...DETERMINISM_FIELDS },
  });
  const wasm = body.files.wasm;
  if (!wasm) throw badRequest('missing_field', 'The file field `wasm` is required', { field: 'wasm' });
  const upload = {
    wasm: wasm.bytes,
    wasmSha256: wasm.sha256,
    wasmName: wasm.filename || 'module.wasm',
    stdin: body.files.input?.bytes ?? Buffer.from(body.fields.input ?? ''),
    args: parseArgs(body.fields.args),
    env: parseEnv(body.fields.env),
    ...parseDeterminism(body.fields),
  };
  input.check({ ...upload, files: [] });
  return upload;
}

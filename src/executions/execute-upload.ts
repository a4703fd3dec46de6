import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { badRequest } from '../http/problem';
import { inputTooLarge, readMultipart } from '../http/multipart';
import { moduleTooLarge } from '../modules/module-validator';
import type { ExecutionLimits } from '../sandbox/sandbox.types';
import { parseArgs, parseEnv } from './guest-input';

export interface ExecuteUpload {
  wasm: Buffer;
  wasmSha256: string;
  wasmName: string;
  stdin: Buffer;
  args: string[];
  env: Record<string, string>;
}

const JSON_FIELD_BYTES = 64 * 1024;

/** The multipart form of POST /api/v1/execute. */
export class ExecuteUploadForm {
  @ApiProperty({ type: 'string', format: 'binary', description: "The module (a WASI command); at most the tier's `maxModuleBytes`" })
  wasm: Blob;

  @ApiPropertyOptional({ type: 'string', format: 'binary', description: "stdin: a file, or text taken verbatim; at most the tier's `maxInputBytes`" })
  input?: Blob | string;

  @ApiPropertyOptional({ description: `argv[1..] as a JSON array of strings (argv[0] is the file name); at most ${JSON_FIELD_BYTES} bytes`, example: '["--n","10"]' })
  args?: string;

  @ApiPropertyOptional({ description: `The environment as a JSON object of strings; at most ${JSON_FIELD_BYTES} bytes`, example: '{"NAME":"value"}' })
  env?: string;
}

/** The multipart body of POST /api/v1/execute: `wasm` (file), `input` (file or text), `args`, `env`. */
export async function readExecuteUpload(request: FastifyRequest, limits: ExecutionLimits): Promise<ExecuteUpload> {
  const body = await readMultipart(request, {
    route: 'POST /api/v1/execute',
    files: {
      wasm: { limit: limits.maxModuleBytes, tooLarge: () => moduleTooLarge(null, limits.maxModuleBytes) },
      input: { limit: limits.maxInputBytes, tooLarge: () => inputTooLarge(limits.maxInputBytes) },
    },
    fields: {
      input: { limit: limits.maxInputBytes, tooLarge: () => inputTooLarge(limits.maxInputBytes) },
      args: { limit: JSON_FIELD_BYTES },
      env: { limit: JSON_FIELD_BYTES },
    },
  });
  const wasm = body.files.wasm;
  if (!wasm) throw badRequest('missing_field', 'The file field `wasm` is required', { field: 'wasm' });
  return {
    wasm: wasm.bytes,
    wasmSha256: wasm.sha256,
    wasmName: wasm.filename || 'module.wasm',
    stdin: body.files.input?.bytes ?? Buffer.from(body.fields.input ?? ''),
    args: parseArgs(body.fields.args),
    env: parseEnv(body.fields.env),
  };
}

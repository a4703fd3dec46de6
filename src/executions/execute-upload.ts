import type { FastifyRequest } from 'fastify';
import { badRequest } from '../http/problem';
import { inputTooLarge, readMultipart } from '../http/multipart';
import { moduleTooLarge } from '../modules/module-validator';
import type { ExecutionLimits } from '../sandbox/sandbox.types';
import { DETERMINISM_FIELDS, parseDeterminism, RunDeterminism } from './determinism-input';
import { parseArgs, parseEnv } from './guest-input';

export interface ExecuteUpload extends RunDeterminism {
  wasm: Buffer;
  wasmSha256: string;
  wasmName: string;
  stdin: Buffer;
  args: string[];
  env: Record<string, string>;
}

const JSON_FIELD_BYTES = 64 * 1024;

/**
 * The multipart body of POST /api/v1/execute: `wasm` (file), `input` (file or text), `args`,
 * `env`, `clock`, `randomSeed`.
 */
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
      ...DETERMINISM_FIELDS,
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
    ...parseDeterminism(body.fields),
  };
}

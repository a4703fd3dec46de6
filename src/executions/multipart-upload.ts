import { HttpStatus } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { badRequest, payloadTooLarge, ProblemException } from '../http/problem';
import { moduleTooLarge } from '../modules/module-validator';
import { parseArgs, parseEnv } from './guest-input';

export interface UploadLimits {
  maxModuleBytes: number;
  maxInputBytes: number;
}

export interface ExecuteUpload {
  wasm: Buffer;
  wasmSha256: string;
  wasmName: string;
  stdin: Buffer;
  args: string[];
  env: Record<string, string>;
}

const TEXT_FIELDS = new Set(['args', 'env', 'input']);
const MAX_TEXT_FIELD_BYTES = 64 * 1024;

export function inputTooLarge(limitBytes: number): ProblemException {
  return payloadTooLarge('input_too_large', 'Input too large', `The input is larger than the limit of ${limitBytes} bytes`, limitBytes);
}

/**
 * Reads the multipart body of POST /execute as it streams in: each file is counted (and the
 * module hashed) chunk by chunk, so an upload over its limit is refused at the first byte past
 * it, never buffered whole.
 */
export async function readExecuteUpload(request: FastifyRequest, limits: UploadLimits): Promise<ExecuteUpload> {
  if (!request.isMultipart()) {
    throw new ProblemException(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'multipart_required',
      'Unsupported media type',
      'POST /api/v1/execute takes multipart/form-data with a `wasm` file (and optional `input`, `args`, `env`)',
    );
  }
  let wasm: { bytes: Buffer; sha256: string; name: string } | undefined;
  let stdin: Buffer | undefined;
  const text: Record<string, string> = {};
  const parts = request.parts({
    limits: {
      fileSize: Math.max(limits.maxModuleBytes, limits.maxInputBytes) + 1,
      fieldSize: Math.max(limits.maxInputBytes, MAX_TEXT_FIELD_BYTES) + 1,
      files: 2,
      fields: 3,
      parts: 5,
    },
  });
  for await (const part of parts) {
    if (part.type === 'file' && part.fieldname === 'wasm') {
      if (wasm) throw badRequest('duplicate_field', 'The field `wasm` was sent twice', { field: 'wasm' });
      const hash = createHash('sha256');
      const bytes = await readLimited(part.file, limits.maxModuleBytes, () => moduleTooLarge(null, limits.maxModuleBytes), hash);
      wasm = { bytes, sha256: hash.digest('hex'), name: part.filename || 'module.wasm' };
    } else if (part.type === 'file' && part.fieldname === 'input') {
      stdin = await readLimited(part.file, limits.maxInputBytes, () => inputTooLarge(limits.maxInputBytes));
    } else if (part.type === 'field' && TEXT_FIELDS.has(part.fieldname)) {
      const value = String(part.value);
      if (part.fieldname === 'input') {
        if (part.valueTruncated || Buffer.byteLength(value) > limits.maxInputBytes) throw inputTooLarge(limits.maxInputBytes);
        stdin = Buffer.from(value);
      } else {
        if (part.valueTruncated || value.length > MAX_TEXT_FIELD_BYTES) {
          throw badRequest(`invalid_${part.fieldname}`, `The field \`${part.fieldname}\` is over ${MAX_TEXT_FIELD_BYTES} bytes`);
        }
        text[part.fieldname] = value;
      }
    } else {
      if (part.type === 'file') part.file.resume();
      throw badRequest(
        'unknown_field',
        `Unexpected ${part.type} field \`${part.fieldname}\`: expected \`wasm\` (file), \`input\` (file or text), \`args\`, \`env\``,
        { field: part.fieldname },
      );
    }
  }
  if (!wasm) throw badRequest('missing_field', 'The file field `wasm` is required', { field: 'wasm' });
  return {
    wasm: wasm.bytes,
    wasmSha256: wasm.sha256,
    wasmName: wasm.name,
    stdin: stdin ?? Buffer.alloc(0),
    args: parseArgs(text.args),
    env: parseEnv(text.env),
  };
}

async function readLimited(
  stream: Readable,
  limit: number,
  tooLarge: () => ProblemException,
  hash?: ReturnType<typeof createHash>,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) {
      stream.destroy();
      throw tooLarge();
    }
    hash?.update(chunk);
    chunks.push(chunk);
  }
  if ((stream as Readable & { truncated?: boolean }).truncated) throw tooLarge();
  return Buffer.concat(chunks, total);
}

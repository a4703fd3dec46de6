import { applyDecorators, HttpStatus, type Type } from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { badRequest, payloadTooLarge, ProblemException } from './problem';
import { ApiProblems } from '../openapi/api-problems';
import type { ProblemCodeOf } from './problem-codes';

export interface FilePart {
  bytes: Buffer;
  /** sha256 of the bytes, computed as they streamed in. */
  sha256: string;
  filename: string;
}

type FieldCode = ProblemCodeOf<HttpStatus.BAD_REQUEST>;
/** Text fields whose own problem code `invalid_<name>` exists: they may leave out `tooLarge`. */
type FieldWithCode = { [C in FieldCode]: C extends `invalid_${infer Name}` ? Name : never }[FieldCode];
interface TextField {
  limit: number;
  tooLarge?: () => ProblemException;
}

/** What one multipart endpoint accepts: file fields with their byte limits, and text fields. */
export interface MultipartSpec<Field extends string = string> {
  route: string;
  files: Record<string, { limit: number; tooLarge: () => ProblemException }>;
  /** Text fields and their byte limits; a field listed in both may come as either. */
  fields: { [Name in Field]: Name extends FieldWithCode ? TextField : Required<TextField> };
}

export interface MultipartBody {
  files: Record<string, FilePart>;
  fields: Record<string, string>;
}

/** The route takes `form` as multipart/form-data, read by readMultipart. */
export const ApiMultipartBody = (form: Type) =>
  applyDecorators(ApiConsumes('multipart/form-data'), ApiBody({ type: form }), ApiProblems('multipart_required', 'duplicate_field', 'unknown_field', 'bad_request'));

/**
 * Reads a multipart body as it streams in: each file is counted and hashed chunk by chunk, so
 * an upload over its limit is refused at the first byte past it, never buffered whole.
 */
export async function readMultipart<Field extends string>(request: FastifyRequest, typedSpec: MultipartSpec<Field>): Promise<MultipartBody> {
  const spec = typedSpec as Pick<MultipartSpec, 'route' | 'files'> & { fields: Record<string, TextField> };
  if (!request.isMultipart()) {
    throw new ProblemException(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'multipart_required',
      'Unsupported media type',
      `${spec.route} takes multipart/form-data with the fields ${describe(spec)}`,
    );
  }
  const fileLimits = Object.values(spec.files).map((file) => file.limit);
  const fieldLimits = Object.values(spec.fields).map((field) => field.limit);
  const body: MultipartBody = { files: {}, fields: {} };
  const parts = request.parts({
    limits: {
      fileSize: Math.max(0, ...fileLimits) + 1,
      fieldSize: Math.max(0, ...fieldLimits) + 1,
      files: Object.keys(spec.files).length,
      fields: Object.keys(spec.fields).length,
      parts: Object.keys(spec.files).length + Object.keys(spec.fields).length,
    },
  });
  for await (const part of parts) {
    const name = part.fieldname;
    if (name in body.files || name in body.fields) {
      if (part.type === 'file') part.file.resume();
      throw badRequest('duplicate_field', `The field \`${name}\` was sent twice`, { field: name });
    }
    if (part.type === 'file' && spec.files[name]) {
      const { limit, tooLarge } = spec.files[name];
      const hash = createHash('sha256');
      const bytes = await readLimited(part.file, limit, tooLarge, hash);
      body.files[name] = { bytes, sha256: hash.digest('hex'), filename: part.filename };
    } else if (part.type === 'field' && Object.hasOwn(spec.fields, name)) {
      const { limit, tooLarge } = spec.fields[name];
      const value = String(part.value);
      if (part.valueTruncated || Buffer.byteLength(value) > limit) {
        // A field without its own `tooLarge` has an `invalid_<name>` code: MultipartSpec's type requires it.
        throw tooLarge?.() ?? badRequest(`invalid_${name}` as FieldCode, `The field \`${name}\` is over ${limit} bytes`, { field: name });
      }
      body.fields[name] = value;
    } else {
      if (part.type === 'file') part.file.resume();
      throw badRequest('unknown_field', `Unexpected ${part.type} field \`${name}\`: expected ${describe(spec)}`, { field: name });
    }
  }
  return body;
}

function describe(spec: { files: object; fields: object }): string {
  const files = Object.keys(spec.files).map((name) => `\`${name}\` (file)`);
  const fields = Object.keys(spec.fields).filter((name) => !(name in spec.files)).map((name) => `\`${name}\``);
  return [...files, ...fields].join(', ');
}

async function readLimited(stream: Readable, limit: number, tooLarge: () => ProblemException, hash: ReturnType<typeof createHash>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) {
      stream.destroy();
      throw tooLarge();
    }
    hash.update(chunk);
    chunks.push(chunk);
  }
  if ((stream as Readable & { truncated?: boolean }).truncated) throw tooLarge();
  return Buffer.concat(chunks, total);
}

export function inputTooLarge(limitBytes: number): ProblemException {
  return payloadTooLarge('input_too_large', 'Input too large', `The input is larger than the limit of ${limitBytes} bytes`, limitBytes);
}

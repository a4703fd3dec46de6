import { HttpStatus } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { badRequest, payloadTooLarge, ProblemException } from './problem';

export interface FilePart {
  bytes: Buffer;
  /** sha256 of the bytes, computed as they streamed in. */
  sha256: string;
  filename: string;
}

/** What one multipart endpoint accepts: file fields with their byte limits, and text fields. */
export interface MultipartSpec {
  route: string;
  files: Record<string, { limit: number; tooLarge: () => ProblemException }>;
  /** Text fields and their byte limits; a field listed in both may come as either. */
  fields: Record<string, { limit: number; tooLarge?: () => ProblemException }>;
}

export interface MultipartBody {
  files: Record<string, FilePart>;
  fields: Record<string, string>;
}

/**
 * Reads a multipart body as it streams in: each file is counted and hashed chunk by chunk, so
 * an upload over its limit is refused at the first byte past it, never buffered whole.
 */
export async function readMultipart(request: FastifyRequest, spec: MultipartSpec): Promise<MultipartBody> {
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
      const bytes = await readLimited(part.file, { limit, tooLarge, hash, sizeHint: Number(request.headers['content-length']) || 0 });
      body.files[name] = { bytes, sha256: hash.digest('hex'), filename: part.filename };
    } else if (part.type === 'field' && spec.fields[name]) {
      const { limit, tooLarge } = spec.fields[name];
      const value = String(part.value);
      if (part.valueTruncated || Buffer.byteLength(value) > limit) {
        throw tooLarge?.() ?? badRequest(`invalid_${name}`, `The field \`${name}\` is over ${limit} bytes`, { field: name });
      }
      body.fields[name] = value;
    } else {
      if (part.type === 'file') part.file.resume();
      throw badRequest('unknown_field', `Unexpected ${part.type} field \`${name}\`: expected ${describe(spec)}`, { field: name });
    }
  }
  return body;
}

function describe(spec: MultipartSpec): string {
  const files = Object.keys(spec.files).map((name) => `\`${name}\` (file)`);
  const fields = Object.keys(spec.fields).filter((name) => !(name in spec.files)).map((name) => `\`${name}\``);
  return [...files, ...fields].join(', ');
}

interface FileReading {
  limit: number;
  tooLarge: () => ProblemException;
  hash: ReturnType<typeof createHash>;
  /** The body's length, when the request gives it: no file in it is longer. */
  sizeHint: number;
}

/** `bytes` with room for `needed`, its first `used` bytes kept. */
function grown(bytes: Buffer, used: number, needed: number): Buffer {
  const larger = Buffer.allocUnsafe(Math.max(needed, 2 * bytes.length));
  larger.set(bytes.subarray(0, used));
  return larger;
}

/**
 * The file's bytes, copied as they arrive into one buffer of the body's size: a buffer's pages are
 * made resident as they are first written, so chunk by chunk here rather than all at once in a
 * final concatenation, which held the event loop for as long as megabytes took to fault in.
 */
async function readLimited(stream: Readable, reading: FileReading): Promise<Buffer> {
  let bytes: Buffer = Buffer.allocUnsafe(Math.min(reading.limit, reading.sizeHint));
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (total + chunk.length > reading.limit) {
      stream.destroy();
      throw reading.tooLarge();
    }
    reading.hash.update(chunk);
    if (total + chunk.length > bytes.length) bytes = grown(bytes, total, total + chunk.length);
    bytes.set(chunk, total);
    total += chunk.length;
  }
  if ((stream as Readable & { truncated?: boolean }).truncated) throw reading.tooLarge();
  return bytes.subarray(0, total);
}

export function inputTooLarge(limitBytes: number): ProblemException {
  return payloadTooLarge('input_too_large', 'Input too large', `The input is larger than the limit of ${limitBytes} bytes`, limitBytes);
}

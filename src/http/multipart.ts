import { applyDecorators, HttpStatus, type Type } from '@nestjs/common';
import type { Multipart } from '@fastify/multipart';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { isStorableText, UNSTORABLE_MESSAGE } from './field-rules';
import { badRequest, ProblemException } from './problem';
import { ApiProblems } from '../openapi/api-problems';
import type { ProblemCodeOf } from './problem-codes';

export interface FilePart {
  bytes: Buffer;
  /** sha256 of the bytes, computed as they streamed in. */
  sha256: string;
  filename: string;
}

type FieldCode = ProblemCodeOf<HttpStatus.BAD_REQUEST>;
/** Text fields whose own problem code `invalid_<name>` exists. */
type FieldWithCode = { [C in FieldCode]: C extends `invalid_${infer Name}` ? Name : never }[FieldCode];
interface TextField {
  limit: number;
  tooLarge?: () => ProblemException;
  /** The problem for text the database cannot store; default: `invalid_<name>`. */
  invalid?: () => ProblemException;
  binary?: boolean;
}
/** A field without an `invalid_<name>` code names its own problems, or is binary (never refused for its text). */
type CodelessField = TextField & { tooLarge: () => ProblemException } & ({ binary: true } | { invalid: () => ProblemException });

/** What one multipart endpoint accepts: file fields with their byte limits, and text fields. */
export interface MultipartSpec<Field extends string = string> {
  route: string;
  files: Record<string, { limit: number; tooLarge: () => ProblemException }>;
  /**
   * Text fields and their byte limits; a field listed in both may come as either. Text the
   * database could not store is refused (names are stored; JSON holds no raw NUL either), unless
   * the field is `binary` (stdin).
   */
  fields: { [Name in Field]: Name extends FieldWithCode ? TextField : CodelessField };
}

export interface MultipartBody {
  files: Record<string, FilePart>;
  fields: Record<string, string>;
}

/** The route takes `form` as multipart/form-data, read by readMultipart. */
export const ApiMultipartBody = (form: Type) =>
  applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({ type: form }),
    ApiProblems('multipart_required', 'invalid_multipart', 'duplicate_field', 'unknown_field', 'invalid_filename', 'bad_request'),
  );

/**
 * Reads a multipart body as it streams in: each file is counted and hashed chunk by chunk, so
 * an upload over its limit is refused at the first byte past it, never buffered whole.
 */
export async function readMultipart<Field extends string>(request: FastifyRequest, typedSpec: MultipartSpec<Field>): Promise<MultipartBody> {
  const spec = typedSpec as UntypedSpec;
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
  // One part more than the spec has room for reaches the loop below, which names it (unknown or
  // sent twice); busboy's own limit would only say that some limit was reached.
  const parts = request.parts({
    limits: {
      fileSize: Math.max(0, ...fileLimits) + 1,
      fieldSize: Math.max(0, ...fieldLimits) + 1,
      files: Object.keys(spec.files).length + 1,
      fields: Object.keys(spec.fields).length + 1,
      parts: Object.keys(spec.files).length + Object.keys(spec.fields).length + 1,
    },
  });
  let current: string | null = null;
  try {
    for await (const part of parts) {
      current = part.fieldname;
      await readPart(part, spec, body, Number(request.headers['content-length']) || 0);
      current = null;
    }
  } catch (error) {
    throw malformedMultipart(error, current, request.headers['content-type'] ?? '') ?? error;
  }
  return body;
}

type UntypedSpec = Pick<MultipartSpec, 'route' | 'files'> & { fields: Record<string, TextField> };

async function readPart(part: Multipart, spec: UntypedSpec, body: MultipartBody, sizeHint: number): Promise<void> {
  const name = part.fieldname;
  if (name in body.files || name in body.fields) {
    if (part.type === 'file') part.file.resume();
    throw badRequest('duplicate_field', `The field \`${name}\` was sent twice`, { field: name });
  }
  if (part.type === 'file' && spec.files[name]) {
    const { limit, tooLarge } = spec.files[name];
    if (!isStorableText(part.filename)) {
      part.file.resume();
      throw badRequest('invalid_filename', `The file name of \`${name}\` ${UNSTORABLE_MESSAGE}`, { field: name });
    }
    const hash = createHash('sha256');
    const bytes = await readLimited(part.file, { limit, tooLarge, hash, sizeHint });
    body.files[name] = { bytes, sha256: hash.digest('hex'), filename: part.filename };
  } else if (part.type === 'field' && Object.hasOwn(spec.fields, name)) {
    const { limit, tooLarge, invalid, binary } = spec.fields[name];
    const value = String(part.value);
    // A field without an `invalid_<name>` code brings its own problems: MultipartSpec's type requires it.
    const code = `invalid_${name}` as FieldCode;
    if (part.valueTruncated || Buffer.byteLength(value) > limit) {
      throw tooLarge?.() ?? badRequest(code, `The field \`${name}\` is over ${limit} bytes`, { field: name });
    }
    if (!binary && !isStorableText(value)) throw invalid?.() ?? badRequest(code, `The field \`${name}\` ${UNSTORABLE_MESSAGE}`, { field: name });
    body.fields[name] = value;
  } else {
    if (part.type === 'file') part.file.resume();
    throw badRequest('unknown_field', `Unexpected ${part.type} field \`${name}\`: expected ${describe(spec)}`, { field: name });
  }
}

/**
 * The problem for what busboy throws on a body that is not the multipart its Content-Type says:
 * plain Errors, told apart by their messages. Null for any other error.
 */
function malformedMultipart(error: unknown, part: string | null, contentType: string): ProblemException | null {
  const fault = multipartFault(error instanceof Error ? error.message : '', part, contentType);
  return fault && badRequest('invalid_multipart', fault.detail, { field: fault.field });
}

function multipartFault(message: string, part: string | null, contentType: string): { detail: string; field: string } | null {
  if (/^Multipart: Boundary not found$|^Boundary required$|^The needle cannot/.test(message)) {
    const detail = 'The Content-Type header names no usable boundary: send multipart/form-data; boundary=<1 to 70 characters>';
    return { detail, field: 'Content-Type' };
  }
  if (!/unexpected end of multipart data$/i.test(message)) return null;
  const boundary = /boundary=(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  const where = part ? `inside the part \`${part}\`` : 'before its closing boundary';
  const detail = `The multipart body ended ${where}: it is truncated, or its parts are not delimited by the boundary "${boundary?.[1] ?? boundary?.[2]}" its Content-Type names`;
  return { detail, field: part ?? 'body' };
}

function describe(spec: { files: object; fields: object }): string {
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

import { applyDecorators, HttpStatus, type Type } from '@nestjs/common';
import type { Multipart } from '@fastify/multipart';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { isStorableText, UNSTORABLE_MESSAGE } from './field-rules';
import { problem, ProblemException } from './problem';
import { ApiProblems } from './api-problems';
import { MULTIPART, setBodyMediaTypes } from './route-media-types';
import type { ProblemCodeOf } from './problem-codes';

export interface FilePart {
  bytes: Buffer;
  /** sha256 of the bytes, computed as they streamed in. */
  sha256: string;
  filename: string;
}

/** Bytes several parts share (a run's stdin and files): spending past it throws its problem. */
export interface ByteBudget {
  spend(bytes: number): void;
}

interface FileRule {
  limit: number;
  tooLarge: () => ProblemException;
  budget?: ByteBudget;
}

/** File parts named `<name>[<key>]`, any number up to `maxParts`: `files[data/in.txt]`. */
interface KeyedFiles extends FileRule {
  maxParts: number;
  tooMany: () => ProblemException;
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
  budget?: ByteBudget;
}
/** A field without an `invalid_<name>` code names its own problems, or is binary (never refused for its text). */
type CodelessField = TextField & { tooLarge: () => ProblemException } & ({ binary: true } | { invalid: () => ProblemException });

/** What one multipart endpoint accepts: file fields with their byte limits, and text fields. */
export interface MultipartSpec<Field extends string = string> {
  route: string;
  files: Record<string, FileRule>;
  /** File parts named `<name>[<key>]`, by name. */
  keyedFiles?: Record<string, KeyedFiles>;
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
  /** The parts named `<name>[<key>]`, by name: each part's key and bytes, in the order sent. */
  keyedFiles: Record<string, { key: string; part: FilePart }[]>;
}

/** The route takes `form` as multipart/form-data, read by readMultipart. */
export const ApiMultipartBody = (form: Type) =>
  applyDecorators(
    ApiConsumes(MULTIPART),
    (_target: object, _key: string | symbol, descriptor: PropertyDescriptor) => setBodyMediaTypes(descriptor.value, [MULTIPART]),
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
    throw problem(
      'multipart_required',
      `${spec.route} takes multipart/form-data with the fields ${describe(spec)}`,
    );
  }
  const keyed = Object.values(spec.keyedFiles ?? {});
  const fileLimits = [...Object.values(spec.files), ...keyed].map((file) => file.limit);
  const fieldLimits = Object.values(spec.fields).map((field) => field.limit);
  const body: MultipartBody = { files: {}, fields: {}, keyedFiles: {} };
  const files = Object.keys(spec.files).length + keyed.reduce((sum, rule) => sum + rule.maxParts, 0);
  // One part more than the spec has room for reaches the loop below, which names it (unknown,
  // sent twice or one too many); busboy's own limit would only say that some limit was reached.
  const parts = request.parts({
    limits: {
      fileSize: Math.max(0, ...fileLimits) + 1,
      fieldSize: Math.max(0, ...fieldLimits) + 1,
      files: files + 1,
      fields: Object.keys(spec.fields).length + 1,
      parts: files + Object.keys(spec.fields).length + 1,
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

type UntypedSpec = Pick<MultipartSpec, 'route' | 'files' | 'keyedFiles'> & { fields: Record<string, TextField> };

/** `files[data/in.txt]` as its name (`files`) and key (`data/in.txt`); null for any other name. */
function keyedName(name: string): { name: string; key: string } | null {
  const match = /^([^[\]]+)\[(.*)\]$/s.exec(name);
  return match && { name: match[1], key: match[2] };
}

async function readPart(part: Multipart, spec: UntypedSpec, body: MultipartBody, sizeHint: number): Promise<void> {
  const name = part.fieldname;
  if (!name) {
    if (part.type === 'file') part.file.resume();
    throw problem('invalid_multipart', 'A part names no field: each part needs `Content-Disposition: form-data; name="<field>"`');
  }
  const keyed = part.type === 'file' ? keyedName(name) : null;
  if (name in body.files || name in body.fields || body.keyedFiles[keyed?.name ?? '']?.some((file) => file.key === keyed?.key)) {
    if (part.type === 'file') part.file.resume();
    throw problem('duplicate_field', `The field \`${name}\` was sent twice`, { field: name });
  }
  if (part.type === 'file' && (spec.files[name] || (keyed && spec.keyedFiles?.[keyed.name]))) {
    const rule = spec.files[name] ?? spec.keyedFiles![keyed!.name];
    // One of many parts starts small: a buffer of the body's size for each made 100 one-byte
    // files of a 9 MB body hold (and hand the sandbox) 935 MB.
    const file = await readFilePart(part, rule, spec.files[name] ? sizeHint : Math.min(sizeHint, MANY_PARTS_START_BYTES));
    if (spec.files[name]) body.files[name] = file;
    else addKeyed(body, keyed!, file, spec.keyedFiles![keyed!.name]);
  } else if (part.type === 'field' && Object.hasOwn(spec.fields, name)) {
    const { limit, tooLarge, invalid, binary, budget } = spec.fields[name];
    const value = String(part.value);
    // A field without an `invalid_<name>` code brings its own problems: MultipartSpec's type requires it.
    const code = `invalid_${name}` as FieldCode;
    if (part.valueTruncated || Buffer.byteLength(value) > limit) {
      throw tooLarge?.() ?? problem(code, `The field \`${name}\` is over ${limit} bytes`, { field: name });
    }
    if (!binary && !isStorableText(value)) throw invalid?.() ?? problem(code, `The field \`${name}\` ${UNSTORABLE_MESSAGE}`, { field: name });
    budget?.spend(Buffer.byteLength(value));
    body.fields[name] = value;
  } else {
    if (part.type === 'file') part.file.resume();
    if (part.type === 'field' && spec.files[name]) {
      throw problem('unknown_field', `The field \`${name}\` must be a file part (Content-Disposition with a filename; curl: -F ${name}=@path), not text`, { field: name });
    }
    const kind = part.type === 'file' ? 'file field' : 'field';
    const hint = name === 'stdin' && (Object.hasOwn(spec.fields, 'input') || spec.files.input) ? '; stdin is the field `input` of this form' : '';
    throw problem('unknown_field', `Unexpected ${kind} \`${name}\`: expected ${describe(spec)}${hint}`, { field: name });
  }
}

function addKeyed(body: MultipartBody, keyed: { name: string; key: string }, part: FilePart, rule: KeyedFiles): void {
  const list = (body.keyedFiles[keyed.name] ??= []);
  if (list.length >= rule.maxParts) throw rule.tooMany();
  list.push({ key: keyed.key, part });
}

/**
 * A file name's longest (a file system's NAME_MAX). A module's file name is its argv[0], which the
 * input limit does not count; busboy cut a longer one silently at its header limit (about 80 KB).
 */
export const MAX_FILENAME_BYTES = 255;

async function readFilePart(part: Multipart & { type: 'file' }, { limit, tooLarge, budget }: FileRule, sizeHint: number): Promise<FilePart> {
  if (!isStorableText(part.filename)) {
    part.file.resume();
    throw problem('invalid_filename', `The file name of \`${part.fieldname}\` ${UNSTORABLE_MESSAGE}`, { field: part.fieldname });
  }
  const filenameBytes = Buffer.byteLength(part.filename);
  if (filenameBytes > MAX_FILENAME_BYTES) {
    part.file.resume();
    const detail = `The file name of \`${part.fieldname}\` is ${filenameBytes} bytes; at most ${MAX_FILENAME_BYTES} are taken`;
    throw problem('invalid_filename', detail, { field: part.fieldname });
  }
  const hash = createHash('sha256');
  const bytes = await readLimited(part.file, { limit, tooLarge, hash, sizeHint, budget });
  return { bytes, sha256: hash.digest('hex'), filename: part.filename };
}

/**
 * The problem for what busboy throws on a body that is not the multipart its Content-Type says:
 * plain Errors, told apart by their messages. Null for any other error.
 */
function malformedMultipart(error: unknown, part: string | null, contentType: string): ProblemException | null {
  // @fastify/multipart's refusal of a part named `toString`, `constructor`, `__proto__`...: it does not say which.
  if ((error as { code?: string })?.code === 'FST_PROTO_VIOLATION') {
    return problem('unknown_field', 'A part is named after a member of Object.prototype (`toString`, `constructor`, `__proto__`, ...), which no field of this form is');
  }
  const fault = multipartFault(error instanceof Error ? error.message : '', part, contentType);
  return fault && problem('invalid_multipart', fault.detail, { field: fault.field });
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

function describe(spec: { files: object; fields: object; keyedFiles?: object }): string {
  const files = Object.keys(spec.files).map((name) => `\`${name}\` (file)`);
  files.push(...Object.keys(spec.keyedFiles ?? {}).map((name) => `\`${name}[<path>]\` (files)`));
  const fields = Object.keys(spec.fields).filter((name) => !(name in spec.files)).map((name) => `\`${name}\``);
  return [...files, ...fields].join(', ');
}

interface FileReading {
  limit: number;
  tooLarge: () => ProblemException;
  hash: ReturnType<typeof createHash>;
  /** The body's length, when the request gives it: no file in it is longer. */
  sizeHint: number;
  budget?: ByteBudget;
}

/** Where the buffer of a part of a keyed file field (`files[<path>]`, one of many) starts. */
const MANY_PARTS_START_BYTES = 64 * 1024;

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
    try {
      reading.budget?.spend(chunk.length);
    } catch (error) {
      stream.destroy();
      throw error;
    }
    reading.hash.update(chunk);
    if (total + chunk.length > bytes.length) bytes = grown(bytes, total, total + chunk.length);
    bytes.set(chunk, total);
    total += chunk.length;
  }
  if ((stream as Readable & { truncated?: boolean }).truncated) throw reading.tooLarge();
  // A view keeps (and a message to a worker copies) its whole buffer: one mostly empty is cut to size.
  return total * 2 < bytes.length ? Buffer.copyBytesFrom(bytes, 0, total) : bytes.subarray(0, total);
}

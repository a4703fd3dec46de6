import { HttpException, HttpStatus } from '@nestjs/common';
import { PROBLEM_CODES, ProblemCode, ProblemCodeOf, StatusOf } from './problem-codes';

/** An RFC 9457 problem: `code` is stable for clients to branch on; `detail` names the field or limit. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail: string;
  [extension: string]: unknown;
}

/** A code, then the rest of a problem: its status and title come from PROBLEM_CODES. */
export type ProblemArguments = [code: ProblemCode, detail: string, extensions?: Record<string, unknown>, headers?: Record<string, string>];

/** A status and a code that go together in PROBLEM_CODES, then a title of the call's own and the rest. */
export type ProblemArgumentsWithTitle = {
  [C in ProblemCode]: [
    status: StatusOf<C>,
    code: C,
    title: string,
    detail: string,
    extensions?: Record<string, unknown>,
    headers?: Record<string, string>,
  ];
}[ProblemCode];

/** The rest of an oversized upload is not read: the connection is closed after the answer. */
export const CLOSE_CONNECTION: Readonly<Record<string, string>> = { Connection: 'close' };

export function problemBody(status: number, code: ProblemCode, title: string, detail: string, instance?: string): ProblemBody {
  return {
    type: `https://wasmwiz.dev/problems/${code.replace(/_/g, '-')}`,
    title,
    status,
    code,
    detail,
    ...(instance ? { instance } : {}),
  };
}

function fromCatalogue(args: ProblemArguments | ProblemArgumentsWithTitle): ProblemArgumentsWithTitle {
  if (typeof args[0] === 'number') return args as ProblemArgumentsWithTitle;
  const [code, detail, extensions, headers] = args as ProblemArguments;
  const { status, title } = PROBLEM_CODES[code];
  return [status, code, title, detail, extensions, headers] as ProblemArgumentsWithTitle;
}

export class ProblemException extends HttpException {
  readonly code: ProblemCode;
  readonly title: string;
  readonly detail: string;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(...args: ProblemArguments);
  /** @deprecated Status and title by hand: use `problem(code, detail, extensions?, headers?)`, which takes them from PROBLEM_CODES. */
  constructor(...args: ProblemArgumentsWithTitle);
  constructor(...args: ProblemArguments | ProblemArgumentsWithTitle) {
    const [status, code, title, detail, extensions = {}, headers = {}] = fromCatalogue(args);
    super(detail, status);
    this.code = code;
    this.title = title;
    this.detail = detail;
    this.extensions = extensions;
    this.headers = headers;
  }

  toBody(instance?: string): ProblemBody {
    return { ...problemBody(this.getStatus(), this.code, this.title, this.detail, instance), ...this.extensions };
  }
}

/** The problem of `code`, with the status and title PROBLEM_CODES gives it. */
export const problem = (...args: ProblemArguments): ProblemException => new ProblemException(...args);

/** A 413 that names its limit; the rest of the upload is not read. */
export const tooLarge = (code: ProblemCodeOf<HttpStatus.PAYLOAD_TOO_LARGE>, detail: string, limitBytes: number, extensions: Record<string, unknown> = {}) =>
  problem(code, detail, { limitBytes, ...extensions }, { ...CLOSE_CONNECTION });

export const unauthorized = (detail: string) => problem('unauthorized', detail, {}, { 'WWW-Authenticate': 'Bearer' });

export const notFound = (what: string, id: string) => problem('not_found', `${what} ${id} does not exist`);

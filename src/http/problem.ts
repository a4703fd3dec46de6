import { HttpException, HttpStatus } from '@nestjs/common';
import { ProblemCode, ProblemCodeOf, StatusOf } from './problem-codes';

/** An RFC 9457 problem: `code` is stable for clients to branch on; `detail` names the field or limit. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail: string;
  [extension: string]: unknown;
}

/** A status and a code that go together in PROBLEM_CODES, then the rest of a problem. */
export type ProblemArguments = {
  [C in ProblemCode]: [
    status: StatusOf<C>,
    code: C,
    title: string,
    detail: string,
    extensions?: Record<string, unknown>,
    headers?: Record<string, string>,
  ];
}[ProblemCode];

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

export class ProblemException extends HttpException {
  readonly code: ProblemCode;
  readonly title: string;
  readonly detail: string;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(...[status, code, title, detail, extensions = {}, headers = {}]: ProblemArguments) {
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

export const badRequest = (code: ProblemCodeOf<HttpStatus.BAD_REQUEST>, detail: string, extensions?: Record<string, unknown>) =>
  new ProblemException(HttpStatus.BAD_REQUEST, code, 'Bad request', detail, extensions);

/** The rest of an oversized upload is not read: the connection is closed after the answer. */
export const payloadTooLarge = (
  code: ProblemCodeOf<HttpStatus.PAYLOAD_TOO_LARGE>,
  title: string,
  detail: string,
  limitBytes: number,
  extensions: Record<string, unknown> = {},
) => new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, code, title, detail, { limitBytes, ...extensions }, { Connection: 'close' });

export const notFound = (what: string, id: string) =>
  new ProblemException(HttpStatus.NOT_FOUND, 'not_found', 'Not found', `${what} ${id} does not exist`);

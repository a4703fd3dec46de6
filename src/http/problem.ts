import { HttpException, HttpStatus } from '@nestjs/common';

/** An RFC 9457 problem: `code` is stable for clients to branch on; `detail` names the field or limit. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  [extension: string]: unknown;
}

export class ProblemException extends HttpException {
  readonly headers: Record<string, string>;

  constructor(
    status: HttpStatus,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(detail, status);
    this.headers = headers;
  }

  toBody(instance?: string): ProblemBody {
    return {
      type: `https://wasmwiz.dev/problems/${this.code.replace(/_/g, '-')}`,
      title: this.title,
      status: this.getStatus(),
      code: this.code,
      detail: this.detail,
      ...(instance ? { instance } : {}),
      ...this.extensions,
    };
  }
}

export const badRequest = (code: string, detail: string, extensions?: Record<string, unknown>) =>
  new ProblemException(HttpStatus.BAD_REQUEST, code, 'Bad request', detail, extensions);

/** The rest of an oversized upload is not read: the connection is closed after the answer. */
export const payloadTooLarge = (code: string, title: string, detail: string, limitBytes: number, extensions: Record<string, unknown> = {}) =>
  new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, code, title, detail, { limitBytes, ...extensions }, { Connection: 'close' });

export const unprocessable = (code: string, detail: string, extensions?: Record<string, unknown>) =>
  new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, code, 'Invalid WebAssembly module', detail, extensions);

export const notFound = (what: string, id: string) =>
  new ProblemException(HttpStatus.NOT_FOUND, 'not_found', 'Not found', `${what} ${id} does not exist`);

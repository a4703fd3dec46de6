import { HttpStatus } from '@nestjs/common';
import { ALL_PROBLEM_CODES, genericCodeOf, PROBLEM_CODES } from '../../src/http/problem-codes';
import { problem, ProblemException } from '../../src/http/problem';
import { ModuleRefusal } from '../../src/wasm-modules/module-refusal';

describe('the problem catalogue', () => {
  it.each(ALL_PROBLEM_CODES)('%s gives its status and title to every answer of it', (code) => {
    const body = problem(code, 'what went wrong', { field: 'x' }).toBody('/path');
    expect(body).toEqual({
      type: `https://wasmwiz.dev/problems/${code.replace(/_/g, '-')}`,
      title: PROBLEM_CODES[code].title,
      status: PROBLEM_CODES[code].status,
      code,
      detail: 'what went wrong',
      instance: '/path',
      field: 'x',
    });
    expect(PROBLEM_CODES[code].title).toMatch(/^[A-Z]/);
  });

  it('keeps headers and the subclass of a problem made from its code', () => {
    const refusal = new ModuleRefusal('module_too_large', 'too big', { limitBytes: 1 }, { Connection: 'close' });
    expect(refusal).toBeInstanceOf(ProblemException);
    expect(refusal.getStatus()).toBe(HttpStatus.PAYLOAD_TOO_LARGE);
    expect(refusal.title).toBe('Module too large');
    expect(refusal.headers).toEqual({ Connection: 'close' });
  });

  it('still takes a status and title by hand (deprecated)', () => {
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    const old = new ProblemException(HttpStatus.NOT_FOUND, 'not_found', 'Gone', 'no such thing');
    expect(old.toBody()).toMatchObject({ status: 404, code: 'not_found', title: 'Gone', detail: 'no such thing' });
  });

  it('has one generic code per status it answers by itself, and a fallback for the rest', () => {
    expect(genericCodeOf(404)).toBe('not_found');
    expect(genericCodeOf(413)).toBe('payload_too_large');
    expect(genericCodeOf(415)).toBe('unsupported_media_type');
    expect(genericCodeOf(408)).toBe('request_timeout');
    expect(genericCodeOf(431)).toBe('headers_too_large');
    expect(genericCodeOf(418)).toBe('bad_request');
    expect(genericCodeOf(502)).toBe('internal_error');
    const generic = ALL_PROBLEM_CODES.filter((code) => 'generic' in PROBLEM_CODES[code]).map((code) => PROBLEM_CODES[code].status);
    expect(new Set(generic).size).toBe(generic.length);
  });
});

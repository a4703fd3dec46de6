import { ProblemException } from '../../src/http/problem';
import { MAX_UPLOADS_PER_ACCOUNT, UploadSlots } from '../../src/wasm-modules/upload-slots';

describe('module upload slots', () => {
  it(`lets an account have ${MAX_UPLOADS_PER_ACCOUNT} uploads in progress, and others theirs`, () => {
    const slots = new UploadSlots();
    const held = Array.from({ length: MAX_UPLOADS_PER_ACCOUNT }, () => slots.take('a'));
    let refusal: unknown;
    try {
      slots.take('a');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ProblemException);
    expect((refusal as ProblemException).toBody()).toMatchObject({ status: 429, code: 'rate_limited', policy: 'uploads', limit: MAX_UPLOADS_PER_ACCOUNT });
    expect((refusal as ProblemException).headers).toEqual({ 'Retry-After': '1' });
    expect(() => slots.take('b')).not.toThrow();
    held[0]();
    held[0]();
    expect(() => slots.take('a')).not.toThrow();
    expect(() => slots.take('a')).toThrow(ProblemException);
  });
});

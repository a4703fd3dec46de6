import { ProblemException } from '../../src/http/problem';
import { MAX_UPLOADS_PER_ACCOUNT, MAX_WAITING_UPLOADS_PER_ACCOUNT, UploadSlots } from '../../src/wasm-modules/upload-slots';

describe('module upload slots', () => {
  it(`lets an account have ${MAX_UPLOADS_PER_ACCOUNT} uploads in progress, the next ${MAX_WAITING_UPLOADS_PER_ACCOUNT} wait in order, and refuses one more`, async () => {
    const slots = new UploadSlots();
    const held = await Promise.all(Array.from({ length: MAX_UPLOADS_PER_ACCOUNT }, () => slots.take('a')));
    const granted: number[] = [];
    const waiting = Array.from({ length: MAX_WAITING_UPLOADS_PER_ACCOUNT }, (_, i) => slots.take('a').then((release) => (granted.push(i), release)));
    const refusal = await slots.take('a').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ProblemException);
    expect((refusal as ProblemException).toBody()).toMatchObject({ status: 429, code: 'rate_limited', policy: 'uploads', limit: MAX_UPLOADS_PER_ACCOUNT });
    expect((refusal as ProblemException).headers).toEqual({ 'Retry-After': '1' });
    await expect(slots.take('b')).resolves.toBeInstanceOf(Function);

    held[0]();
    held[0]();
    const first = await waiting[0];
    expect(granted).toEqual([0]);
    first();
    held[1]();
    await Promise.all([waiting[1], waiting[2]]);
    expect(granted).toEqual([0, 1, 2]);
  });
});

import { connect, type Socket } from 'node:net';
import { example } from '../support/fixtures';
import { uploadModule } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';
import { MAX_UPLOADS_PER_ACCOUNT, MAX_WAITING_UPLOADS_PER_ACCOUNT, UploadSlots } from '../../src/wasm-modules/upload-slots';

/** An upload whose body stops after its first bytes: it holds its slot until the socket closes. */
function stalledUpload(url: string, key: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const head = '--b\r\nContent-Disposition: form-data; name="wasm"; filename="m.wasm"\r\nContent-Type: application/wasm\r\n\r\n';
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`POST /api/v1/modules HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 10000000\r\n\r\n${head}\0asm`);
      resolve(socket);
    });
    socket.on('error', () => undefined);
  });
}

describe('module uploads in progress per account', () => {
  let service: TestApp;
  beforeAll(async () => {
    service = await startTestApp();
  });
  afterAll(() => service?.close());

  it(`lets an upload past ${MAX_UPLOADS_PER_ACCOUNT} in progress wait for its turn, refuses one past ${MAX_WAITING_UPLOADS_PER_ACCOUNT} waiting (429 uploads); other accounts upload meanwhile`, async () => {
    const [busy, other] = await Promise.all([service.createKey('pro'), service.createKey('pro')]);
    const take = jest.spyOn(service.app.get(UploadSlots), 'take');
    const taken = (count: number) => until(() => take.mock.calls.length === count, 10_000);
    const stalled = await Promise.all(Array.from({ length: MAX_UPLOADS_PER_ACCOUNT }, () => stalledUpload(service.url, busy.key)));
    await taken(MAX_UPLOADS_PER_ACCOUNT);

    let answered = false;
    const waiting = uploadModule(service.url, busy.key, example('echo'), 'echo').finally(() => (answered = true));
    await taken(MAX_UPLOADS_PER_ACCOUNT + 1);
    const queued = await Promise.all(Array.from({ length: MAX_WAITING_UPLOADS_PER_ACCOUNT - 1 }, () => stalledUpload(service.url, busy.key)));
    await taken(MAX_UPLOADS_PER_ACCOUNT + MAX_WAITING_UPLOADS_PER_ACCOUNT);
    const refused = await uploadModule(service.url, busy.key, example('hello'), 'hello');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'rate_limited', policy: 'uploads', limit: MAX_UPLOADS_PER_ACCOUNT, retryAfterSeconds: 1 });
    expect(refused.headers.get('retry-after')).toBe('1');
    expect((await uploadModule(service.url, other.key, example('echo'), 'echo')).status).toBe(201);
    expect(answered).toBe(false);

    stalled[0].destroy();
    const stored = await waiting;
    expect(stored).toMatchObject({ status: 201, body: { name: 'echo' } });
    [...stalled, ...queued].forEach((socket) => socket.destroy());
  });
});

import { connect, type Socket } from 'node:net';
import { example } from '../support/fixtures';
import { uploadModule } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';
import { MAX_UPLOADS_PER_ACCOUNT, UploadSlots } from '../../src/wasm-modules/upload-slots';

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

  it(`refuses an account's upload past ${MAX_UPLOADS_PER_ACCOUNT} in progress (429 uploads) until one ends; other accounts upload meanwhile`, async () => {
    const [busy, other] = await Promise.all([service.createKey('pro'), service.createKey('pro')]);
    const take = jest.spyOn(service.app.get(UploadSlots), 'take');
    const stalled = await Promise.all(Array.from({ length: MAX_UPLOADS_PER_ACCOUNT }, () => stalledUpload(service.url, busy.key)));
    await until(() => take.mock.calls.length === MAX_UPLOADS_PER_ACCOUNT, 10_000);

    const refused = await uploadModule(service.url, busy.key, example('echo'), 'echo');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'rate_limited', policy: 'uploads', limit: MAX_UPLOADS_PER_ACCOUNT, retryAfterSeconds: 1 });
    expect(refused.headers.get('retry-after')).toBe('1');
    expect((await uploadModule(service.url, other.key, example('echo'), 'echo')).status).toBe(201);

    stalled[0].destroy();
    let stored = refused;
    await until(async () => (stored = await uploadModule(service.url, busy.key, example('echo'), 'echo')).status === 201, 10_000);
    expect(stored.body.name).toBe('echo');
    stalled.forEach((socket) => socket.destroy());
  });
});

import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { problem } from '../../src/http/problem';
import { type MultipartBody, readMultipart } from '../../src/http/multipart';

const MIB = 1024 * 1024;
const tooLarge = () => problem('payload_too_large', 'too large');

/** What each part read by readMultipart holds: its length, and the size of the buffer behind it (what a worker message would copy). */
async function serve(): Promise<{ app: FastifyInstance; read: Promise<MultipartBody> }> {
  const app = Fastify();
  await app.register(multipart);
  let resolve!: (body: MultipartBody) => void;
  const read = new Promise<MultipartBody>((done) => (resolve = done));
  app.post('/upload', async (request) => {
    resolve(
      await readMultipart(request, {
        route: 'POST /upload',
        files: { wasm: { limit: 64 * MIB, tooLarge } },
        keyedFiles: { files: { limit: 64 * MIB, tooLarge, maxParts: 1000, tooMany: tooLarge } },
        fields: {},
      }),
    );
    return {};
  });
  return { app, read };
}

describe('multipart file buffers', () => {
  test('a small part of a large body holds a buffer of its own size, not of the body', async () => {
    const { app, read } = await serve();
    const form = new FormData();
    form.append('wasm', new Blob([Buffer.alloc(4 * MIB, 1)]), 'big.wasm');
    for (let i = 0; i < 100; i++) form.append(`files[d/f${i}.txt]`, new Blob(['x']), `f${i}.txt`);
    const request = new Request('http://localhost/upload', { method: 'POST', body: form });
    const response = await app.inject({ method: 'POST', url: '/upload', headers: { 'content-type': request.headers.get('content-type')! }, payload: Buffer.from(await request.arrayBuffer()) });
    expect(response.statusCode).toBe(200);
    const body = await read;
    expect(body.files.wasm.bytes.length).toBe(4 * MIB);
    expect(body.keyedFiles.files).toHaveLength(100);
    for (const { part } of body.keyedFiles.files) {
      expect(part.bytes.toString()).toBe('x');
      // Before: each held a view of a buffer the body's size (4 MiB), 100 of them.
      expect(part.bytes.buffer.byteLength).toBeLessThanOrEqual(8 * 1024);
    }
    await app.close();
  });
});

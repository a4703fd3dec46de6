import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { example, hostile } from '../support/fixtures';
import { postExecute, uploadModule } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { apiFetch, checkAnswer } from '../support/contract';
import { SandboxPool } from '../../src/sandbox/sandbox-pool.service';
import { until } from '../support/until';

describe('POST /api/v1/execute: request handling', () => {
  let service: TestApp;
  let key: string;

  beforeAll(async () => {
    service = await startTestApp({ MAX_WASM_SIZE: '1MB', MAX_INPUT_SIZE: '64KB', WORKER_THREADS: '1', POOL_MAX_QUEUE: '1', EXECUTION_TIMEOUT: '1500ms' });
    key = (await service.createKey('enterprise')).key;
  });
  afterAll(() => service.close());

  it('refuses a 100 MB upload with a 413 without reading it all', async () => {
    const total = 100 * 1024 * 1024;
    const boundary = 'wasmwizboundary';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="wasm"; filename="big.wasm"\r\nContent-Type: application/wasm\r\n\r\n`);
    const { port } = new URL(service.url);
    const result = await new Promise<{ status: number; contentType: string | null; body: string; sent: number }>((resolve, reject) => {
      let sent = 0;
      const req = httpRequest(
        { host: '127.0.0.1', port, path: '/api/v1/execute', method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${key}` } },
        (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'] ?? null, body, sent }));
        },
      );
      req.on('error', reject);
      req.write(head);
      const chunk = Buffer.alloc(256 * 1024, 1);
      const pump = () => {
        while (sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      req.on('response', () => (sent = total));
      pump();
    });
    await checkAnswer({ method: 'POST', url: `${service.url}/api/v1/execute`, ...result });
    expect(result.status).toBe(413);
    const body = JSON.parse(result.body);
    expect(body.code).toBe('module_too_large');
    expect(body.limitBytes).toBe(1024 * 1024);
  });

  it('refuses stdin over the input limit with a 413 naming it', async () => {
    const { status, body } = await postExecute(service.url, key, { wasm: example('echo'), input: Buffer.alloc(65 * 1024) });
    expect(status).toBe(413);
    expect(body).toMatchObject({ code: 'input_too_large', limitBytes: 64 * 1024 });
  });

  it.each([
    [{ args: { a: 1 } }, 'invalid_args'],
    [{ args: [1, 2] }, 'invalid_args'],
    [{ env: ['x'] }, 'invalid_env'],
    [{ env: { 'A=B': 'x' } }, 'invalid_env'],
  ])('answers bad fields %j with a 400 naming the field', async (fields, code) => {
    const { status, body } = await postExecute(service.url, key, { wasm: example('hello'), ...fields });
    expect(status).toBe(400);
    expect(body.code).toBe(code);
  });

  it('requires the wasm field and multipart', async () => {
    const form = new FormData();
    form.append('input', 'x');
    const missing = await apiFetch(`${service.url}/api/v1/execute`, { method: 'POST', body: form, headers: { authorization: `Bearer ${key}` } });
    expect(missing.status).toBe(400);
    expect((await missing.json()).code).toBe('missing_field');
    const json = await apiFetch(`${service.url}/api/v1/execute`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` } });
    expect(json.status).toBe(415);
    expect((await json.json()).code).toBe('multipart_required');
  });

  it('answers 503 with Retry-After when the pool and its queue are full', async () => {
    const busy = [postExecute(service.url, key, { wasm: hostile('busy-loop') }), postExecute(service.url, key, { wasm: hostile('busy-loop') })];
    const pool = service.app.get(SandboxPool);
    await until(() => pool.running + pool.queueLength === 2, 30_000); // one runs, one waits: the queue is full
    const refused = await postExecute(service.url, key, { wasm: example('hello') });
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('capacity_exhausted');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    for (const result of await Promise.all(busy)) expect(result.body.status).toBe('time_limit_exceeded');
    expect((await postExecute(service.url, key, { wasm: example('hello') })).body.status).toBe('success');
  });

  it('answers unknown routes with a problem', async () => {
    const response = await apiFetch(`${service.url}/api/v1/nope`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('reads a JSON body declared as UTF-8, in any spelling, and refuses one in another charset', async () => {
    const { body: stored } = await uploadModule(service.url, key, example('echo'), 'charset-echo');
    for (const contentType of ['application/json; charset=UTF-8', 'application/json;charset="utf8"', 'application/json']) {
      const response = await apiFetch(`${service.url}/api/v1/modules/${stored.id}/executions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
        body: JSON.stringify({ stdin: 'héllo' }),
      });
      expect(response.status).toBe(200);
      expect((await response.json()).stdout).toBe('héllo');
    }
    const utf16 = await apiFetch(`${service.url}/api/v1/modules/${stored.id}/executions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json; charset=utf-16le' },
      body: Buffer.from(JSON.stringify({ stdin: 'héllo' }), 'utf16le'),
    });
    expect(utf16.status).toBe(415);
    expect(await utf16.json()).toMatchObject({ code: 'unsupported_media_type', detail: expect.stringContaining('charset=utf-16le') });
  });
});


describe('POST /api/v1/execute: headers', () => {
  it('are timed out 15 s after the connection opened (Node: 60 s, checked every 30 s), with the default REQUEST_TIMEOUT', async () => {
    const service = await startTestApp({ WORKER_THREADS: '1' });
    try {
      const server = service.app.getHttpServer();
      expect(service.config.requestTimeoutMs).toBe(300_000);
      expect({ headersTimeout: server.headersTimeout, checkedEveryMs: (server as unknown as { connectionsCheckingInterval: number }).connectionsCheckingInterval }).toEqual({ headersTimeout: 15_000, checkedEveryMs: 5_000 });
    } finally {
      await service.close();
    }
  });
});

describe('REQUEST_TIMEOUT', () => {
  let service: TestApp;
  let key: string;

  beforeAll(async () => {
    service = await startTestApp({ REQUEST_TIMEOUT: '1s', EXECUTION_TIMEOUT: '2500ms' });
    key = (await service.createKey('enterprise')).key;
  });
  afterAll(() => service.close());

  it('answers a body still not sent after it with a 408 problem and closes the connection; a run longer than it is answered', async () => {
    const { hostname, port } = new URL(service.url);
    const answer = await new Promise<string>((resolve) => {
      let received = '';
      const socket = connect(Number(port), hostname, () => {
        socket.write(`POST /api/v1/modules/x/executions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"std`);
      });
      socket.on('data', (chunk) => (received += chunk));
      socket.on('close', () => resolve(received));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(answer).toContain('Content-Type: application/problem+json');
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 408, code: 'request_timeout', detail: 'The request was not received in time' });

    // Headers never finished are timed out the same way (at most 15 s; here the request's 1 s).
    const halfSent = await new Promise<{ answer: string; ms: number }>((resolve) => {
      const started = performance.now();
      let received = '';
      const socket = connect(Number(port), hostname, () => socket.write('POST /api/v1/execute HTTP/1.1\r\nHost: x\r\n'));
      socket.on('data', (chunk) => (received += chunk));
      socket.on('close', () => resolve({ answer: received, ms: performance.now() - started }));
    });
    expect(halfSent.answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(halfSent.ms).toBeLessThan(10_000);

    const long = await postExecute(service.url, key, { wasm: hostile('busy-loop'), timeoutMs: '2000' });
    expect(long.body).toMatchObject({ status: 'time_limit_exceeded' });
  });
});

import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { example } from '../support/fixtures';
import { runThrough } from '../support/http';
import { call, startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';
import { DataSource } from 'typeorm';

interface Delivery {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A receiver on 127.0.0.1 answering each POST with the next status of `statuses` (the last one repeats). */
async function receiver(statuses: number[]): Promise<{ url: string; deliveries: Delivery[]; server: Server }> {
  const deliveries: Delivery[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    deliveries.push({ headers: req.headers, body: Buffer.concat(chunks).toString() });
    res.writeHead(statuses[Math.min(deliveries.length, statuses.length) - 1]).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`, deliveries, server };
}

const signed = ({ headers }: Delivery) => ({
  'webhook-id': String(headers['webhook-id']),
  'webhook-timestamp': String(headers['webhook-timestamp']),
  'webhook-signature': String(headers['webhook-signature']),
});

describe('webhooks', () => {
  let service: TestApp;
  let key: string;
  const servers: Server[] = [];

  beforeAll(async () => {
    service = await startTestApp({
      WORKER_THREADS: '1',
      WEBHOOK_ALLOW_INSECURE: 'true',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOK_RETRY_DELAY: '50ms',
      WEBHOOK_MAX_ATTEMPTS: '3',
      WEBHOOK_TIMEOUT: '5s',
    });
    ({ key } = await service.createKey('enterprise', ['execute', 'keys']));
  });
  afterAll(async () => {
    for (const server of servers) server.close();
    await service.close();
  });

  const secret = async () => (await call(service.url, 'GET', '/api/v1/webhooks/secret', key)).body.secret as string;

  const submit = (callbackUrl: string) =>
    runThrough('POST /api/v1/execute', service.url, key, { wasm: example('echo'), input: 'hello', wait: false, callbackUrl });

  /** An async run with `url` as its callback; its id. */
  async function deliver(url: string): Promise<string> {
    const submitted = await submit(url);
    expect(submitted.status).toBe(202);
    return submitted.body.id;
  }

  const execution = async (id: string) => (await call(service.url, 'GET', `/api/v1/executions/${id}`, key)).body;
  const attemptsOf = async (id: string) => (await execution(id)).callback?.attempts?.length ?? 0;

  async function start(statuses: number[]) {
    const started = await receiver(statuses);
    servers.push(started.server);
    return started;
  }

  it('gives the account a whsec_ secret on first use, the same one after', async () => {
    const first = await secret();
    expect(first).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(await secret()).toBe(first);
    expect((await call(service.url, 'GET', '/api/v1/webhooks/secret')).status).toBe(401);
  });

  it('POSTs the execution JSON to a local receiver when the run ends, signed so that Webhook.verify accepts it', async () => {
    const hook = await start([200]);
    const id = await deliver(hook.url);
    await until(() => hook.deliveries.length === 1, 30_000);
    const [delivery] = hook.deliveries;
    const payload = new Webhook(await secret()).verify(delivery.body, signed(delivery));
    expect(payload).toMatchObject({ id, status: 'success', stdout: 'hello', callbackUrl: hook.url });
    expect(payload).not.toHaveProperty('callback');
    await until(async () => (await attemptsOf(id)) === 1, 10_000);
    expect((await execution(id)).callback).toMatchObject({
      url: hook.url,
      delivered: true,
      webhookId: `msg_execution_${id}`,
      attempts: [{ attempt: 1, statusCode: 200, error: null, at: expect.any(String), durationMs: expect.any(Number) }],
    });
  });

  it.each([
    ['a metadata address', 'http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is a link-local or cloud metadata address/],
    ['a link-local address', 'https://169.254.7.7/hook', /link-local or cloud metadata/],
    ['IPv6 link-local', 'https://[fe80::1]/hook', /link-local or cloud metadata/],
    ['the AWS IPv6 metadata address', 'http://[fd00:ec2::254]/', /link-local or cloud metadata/],
    ['a metadata name', 'http://metadata.google.internal/computeMetadata/v1/', /metadata service/],
    ['the metadata address as a decimal', 'http://2852039166/', /link-local or cloud metadata/],
    ['a scheme other than http(s)', 'ftp://example.com/hook', /only https: is taken/],
  ])('refuses a callback to %s at submit with invalid_callback_url naming why', async (_name, callbackUrl, reason) => {
    const refused = await submit(callbackUrl);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'invalid_callback_url', field: 'callbackUrl', reason: expect.stringMatching(reason) });
    expect(refused.body.detail).toMatch(/^callbackUrl /);
  });

  it('retries a receiver that fails first, with the same webhook-id, and records every attempt', async () => {
    const hook = await start([500, 200]);
    const id = await deliver(hook.url);
    await until(() => hook.deliveries.length === 2, 30_000);
    const [failed, retried] = hook.deliveries;
    expect(retried.headers['webhook-id']).toBe(failed.headers['webhook-id']);
    expect(new Webhook(await secret()).verify(retried.body, signed(retried))).toMatchObject({ id });
    await until(async () => (await attemptsOf(id)) === 2, 10_000);
    expect((await execution(id)).callback).toMatchObject({ delivered: true, attempts: [{ attempt: 1, statusCode: 500, error: 'answered 500' }, { attempt: 2, statusCode: 200 }] });
  });

  it('stops after WEBHOOK_MAX_ATTEMPTS attempts to a receiver that keeps failing', async () => {
    const hook = await start([503]);
    const id = await deliver(hook.url);
    await until(async () => (await attemptsOf(id)) === 3, 30_000);
    expect((await execution(id)).callback).toMatchObject({ delivered: false });
    expect(new Set(hook.deliveries.map((delivery) => delivery.headers['webhook-id'])).size).toBe(1);
  });

  it('signs with the new secret after a rotation, and the old one no longer verifies', async () => {
    const before = await secret();
    const rotated = await call(service.url, 'POST', '/api/v1/webhooks/secret/rotate', key);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(before);
    expect(await secret()).toBe(rotated.body.secret);
    const hook = await start([200]);
    await deliver(hook.url);
    await until(() => hook.deliveries.length === 1, 30_000);
    const [delivery] = hook.deliveries;
    expect(new Webhook(rotated.body.secret).verify(delivery.body, signed(delivery))).toBeTruthy();
    expect(() => new Webhook(before).verify(delivery.body, signed(delivery))).toThrow(/signature/i);
  });

  it('signs with both secrets during the grace of a rotation, and either verifies', async () => {
    const before = await secret();
    const rotated = await call(service.url, 'POST', '/api/v1/webhooks/secret/rotate', key, { graceSeconds: 3600 });
    expect(rotated.status).toBe(200);
    const hook = await start([200]);
    await deliver(hook.url);
    await until(() => hook.deliveries.length === 1, 30_000);
    const [delivery] = hook.deliveries;
    expect(String(delivery.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(new Webhook(rotated.body.secret).verify(delivery.body, signed(delivery))).toBeTruthy();
    expect(new Webhook(before).verify(delivery.body, signed(delivery))).toBeTruthy();
    const refused = await call(service.url, 'POST', '/api/v1/webhooks/secret/rotate', key, { graceSeconds: -1 });
    expect(refused).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
  });
});

describe('webhook retries', () => {
  let service: TestApp;
  const servers: Server[] = [];

  beforeAll(async () => {
    service = await startTestApp({ WEBHOOK_ALLOW_INSECURE: 'true', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_RETRY_DELAY: '60s', WEBHOOK_MAX_ATTEMPTS: '3' });
  });
  afterAll(async () => {
    for (const server of servers) server.close();
    await service.close();
  });

  it("hold no delivery worker through their backoff: one account's failing receiver does not hold up another's callbacks", async () => {
    const failing = await receiver([500]);
    const healthy = await receiver([200]);
    servers.push(failing.server, healthy.server);
    const noisy = (await service.createKey('enterprise')).key;
    const quiet = (await service.createKey('enterprise')).key;
    // More failing deliveries than a process has delivery workers (8), each to retry in 60 s.
    for (let i = 0; i < 10; i++) {
      const queued = await runThrough('POST /api/v1/execute', service.url, noisy, { wasm: example('echo'), input: 'x', wait: false, callbackUrl: failing.url });
      expect(queued.status).toBe(202);
    }
    await until(() => failing.deliveries.length === 10, 30_000);
    const queued = await runThrough('POST /api/v1/execute', service.url, quiet, { wasm: example('echo'), input: 'y', wait: false, callbackUrl: healthy.url });
    // Within the 60 s the failing ones wait: before, all eight workers slept through it.
    await until(() => healthy.deliveries.length === 1, 20_000);
    expect(JSON.parse(healthy.deliveries[0].body)).toMatchObject({ id: queued.body.id });
    // Their retries are queued, each for its own attempt 2, not lost.
    const waiting = await service.app.get(DataSource).query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'webhook-delivery' AND state = 'created' AND start_after > now() + interval '30 seconds'`);
    expect(waiting[0].n).toBe(10);
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/^wasmwiz_webhook_attempts_total\{outcome="retrying"\} 10$/m);
    expect(metrics).toMatch(/^wasmwiz_webhook_attempts_total\{outcome="delivered"\} 1$/m);
  }, 90_000);
});

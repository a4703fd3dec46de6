import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { JobQueue } from '../../src/jobs/job-queue.service';
import { WEBHOOK_DELIVERY_QUEUE } from '../../src/jobs/queue-names';
import { CallbackSources } from '../../src/webhooks/callback-source';
import { CallbackAttempts } from '../../src/webhooks/contract/callback-attempts.service';
import { call, startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

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
  let accountId: string;
  const servers: Server[] = [];
  /** What the delivery loads for an execution id: stands for the run's GET view. */
  const subjects = new Map<string, { url: string; payload: unknown }>();

  beforeAll(async () => {
    service = await startTestApp({
      WORKER_THREADS: '1',
      WEBHOOK_ALLOW_INSECURE: 'true',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOK_RETRY_DELAY: '50ms',
      WEBHOOK_MAX_ATTEMPTS: '3',
      WEBHOOK_TIMEOUT: '5s',
    });
    ({ key, accountId } = await service.createKey('enterprise', ['execute', 'keys']));
    service.app.get(CallbackSources).register('execution', async (id) => {
      const subject = subjects.get(id);
      return subject ? { accountId, ...subject } : null;
    });
  });
  afterAll(async () => {
    for (const server of servers) server.close();
    await service.close();
  });

  const secret = async () => (await call(service.url, 'GET', '/api/v1/webhooks/secret', key)).body.secret as string;

  /** Queues the callback of a made-up execution to `url`, as a run ending does. */
  async function deliver(url: string) {
    const id = randomUUID();
    subjects.set(id, { url, payload: { id, status: 'success', stdout: 'hello\n' } });
    await service.app.get(JobQueue).send(WEBHOOK_DELIVERY_QUEUE, { kind: 'execution', id });
    return id;
  }

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

  it('POSTs the JSON to a local receiver, signed so that Webhook.verify accepts it', async () => {
    const hook = await start([200]);
    const id = await deliver(hook.url);
    await until(() => hook.deliveries.length === 1, 30_000);
    const [delivery] = hook.deliveries;
    expect(new Webhook(await secret()).verify(delivery.body, signed(delivery))).toEqual({ id, status: 'success', stdout: 'hello\n' });
    await until(async () => (await service.app.get(CallbackAttempts).of('execution', id)).length === 1, 10_000);
    const view = await service.app.get(CallbackAttempts).view('execution', id, hook.url);
    expect(view).toMatchObject({ url: hook.url, delivered: true, webhookId: `msg_execution_${id}`, attempts: [{ attempt: 1, statusCode: 200, error: null }] });
  });

  it('retries a receiver that fails first, with the same webhook-id, and records every attempt', async () => {
    const hook = await start([500, 200]);
    const id = await deliver(hook.url);
    await until(() => hook.deliveries.length === 2, 30_000);
    const [failed, retried] = hook.deliveries;
    expect(retried.headers['webhook-id']).toBe(failed.headers['webhook-id']);
    expect(new Webhook(await secret()).verify(retried.body, signed(retried))).toMatchObject({ id });
    await until(async () => (await service.app.get(CallbackAttempts).of('execution', id)).length === 2, 10_000);
    const view = await service.app.get(CallbackAttempts).view('execution', id, hook.url);
    expect(view).toMatchObject({ delivered: true, attempts: [{ attempt: 1, statusCode: 500, error: 'answered 500' }, { attempt: 2, statusCode: 200 }] });
  });

  it('stops after WEBHOOK_MAX_ATTEMPTS attempts to a receiver that keeps failing', async () => {
    const hook = await start([503]);
    const id = await deliver(hook.url);
    const attempts = service.app.get(CallbackAttempts);
    await until(async () => (await attempts.of('execution', id)).length === 3, 30_000);
    expect(await attempts.view('execution', id, hook.url)).toMatchObject({ delivered: false });
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

import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { WebhookSettings } from '../../src/config/webhook-settings';
import { SignedPoster } from '../../src/webhooks/signed-post';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SETTINGS: WebhookSettings = {
  allowInsecure: true,
  allowPrivateNetworks: true,
  maxAttempts: 3,
  retryDelayMs: 0,
  timeoutMs: 2000,
  maxResponseBytes: 64 * 1024,
};

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A receiver on 127.0.0.1 that answers with `answer` and keeps what it got. */
async function receiver(answer: (res: ServerResponse) => void): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ headers: req.headers, body: Buffer.concat(chunks).toString() });
    answer(res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hook`, received, server };
}

const servers: Server[] = [];
const posters: SignedPoster[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
  for (const poster of posters.splice(0)) poster.close();
});

async function start(answer: (res: ServerResponse) => void) {
  const started = await receiver(answer);
  servers.push(started.server);
  return started;
}

function poster(settings: Partial<WebhookSettings> = {}, lookup?: LookupFunction) {
  const made = new SignedPoster({ ...SETTINGS, ...settings }, lookup);
  posters.push(made);
  return made;
}

const message = (url: string) => ({ url, webhookId: 'msg_execution_1', secrets: [SECRET], body: JSON.stringify({ id: '1', status: 'success' }) });

describe('a signed callback POST', () => {
  it('carries Standard Webhooks headers that Webhook.verify accepts with the secret, and no other', async () => {
    const hook = await start((res) => res.writeHead(204).end());
    const outcome = await poster().post(message(hook.url));
    expect(outcome).toMatchObject({ statusCode: 204, error: null, delivered: true });
    const [{ headers, body }] = hook.received;
    expect(headers['content-type']).toBe('application/json');
    expect(headers['webhook-id']).toBe('msg_execution_1');
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const signed = { 'webhook-id': headers['webhook-id'] as string, 'webhook-timestamp': headers['webhook-timestamp'] as string, 'webhook-signature': headers['webhook-signature'] as string };
    expect(new Webhook(SECRET).verify(body, signed)).toEqual({ id: '1', status: 'success' });
    expect(() => new Webhook('whsec_' + Buffer.from('another secret of 24 b!!').toString('base64')).verify(body, signed)).toThrow(/signature/i);
    expect(() => new Webhook(SECRET).verify(body.replace('success', 'failure'), signed)).toThrow(/signature/i);
  });

  it('takes a non-2xx as a failed attempt, naming its status', async () => {
    const hook = await start((res) => res.writeHead(503).end('busy'));
    expect(await poster().post(message(hook.url))).toMatchObject({ statusCode: 503, error: 'answered 503', delivered: false, final: false });
  });

  it('follows no redirect: a 3xx is a failed attempt and its target gets nothing', async () => {
    const target = await start((res) => res.writeHead(200).end());
    const hook = await start((res) => res.writeHead(302, { location: target.url }).end());
    const outcome = await poster().post(message(hook.url));
    expect(outcome).toMatchObject({ statusCode: 302, delivered: false });
    expect(outcome.error).toMatch(/redirects are not followed/);
    expect(target.received).toHaveLength(0);
  });

  it('reads no more of an answer than the cap', async () => {
    const hook = await start((res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      // An endless answer: the poster must stop reading by itself.
      const write = () => (res.destroyed ? undefined : res.write(chunk) ? setImmediate(write) : res.once('drain', write));
      write();
    });
    const outcome = await poster({ maxResponseBytes: 128 * 1024 }).post(message(hook.url));
    expect(outcome).toMatchObject({ statusCode: 200, delivered: true });
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    const hook = await start(() => undefined);
    const outcome = await poster({ timeoutMs: 300 }).post(message(hook.url));
    expect(outcome).toMatchObject({ statusCode: null, delivered: false });
    expect(outcome.error).toMatch(/no answer within 300 ms/);
  });

  it('records a connection error', async () => {
    const hook = await start((res) => res.end());
    hook.server.close();
    await once(hook.server, 'close');
    const outcome = await poster().post(message(hook.url));
    expect(outcome).toMatchObject({ statusCode: null, delivered: false });
    expect(outcome.error).toMatch(/ECONNREFUSED/);
  });

  it('refuses a URL the policy refuses before connecting, for good', async () => {
    const hook = await start((res) => res.end());
    const outcome = await poster({ allowPrivateNetworks: false }).post(message(hook.url));
    expect(outcome).toMatchObject({ statusCode: null, delivered: false, final: true });
    expect(outcome.error).toMatch(/^refused: the URL 127\.0\.0\.1 is a loopback address/);
    expect(hook.received).toHaveLength(0);
  });

  it('checks the address connected to: a name that resolves to loopback (DNS rebinding) is refused', async () => {
    const hook = await start((res) => res.end());
    const port = new URL(hook.url).port;
    const rebinding: LookupFunction = (_name, options, callback) => {
      if ((options as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
      else callback(null, '127.0.0.1', 4);
    };
    const outcome = await poster({ allowPrivateNetworks: false }, rebinding).post(message(`http://hooks.example.com:${port}/hook`));
    // Final: the next attempt would resolve the name to the same place.
    expect(outcome).toMatchObject({ statusCode: null, delivered: false, final: true });
    expect(outcome.error).toMatch(/^refused: hooks\.example\.com resolves to 127\.0\.0\.1.*not allowed/);
    expect(hook.received).toHaveLength(0);
  });

  it('refuses a name that resolves to a metadata address even with private networks allowed', async () => {
    const toMetadata: LookupFunction = (_name, options, callback) => {
      if ((options as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: '169.254.169.254', family: 4 }]);
      else callback(null, '169.254.169.254', 4);
    };
    const outcome = await poster({}, toMetadata).post(message('http://hooks.example.com/hook'));
    expect(outcome).toMatchObject({ statusCode: null, delivered: false, final: true });
    expect(outcome.error).toMatch(/169\.254\.169\.254.*not allowed/);
  });
});

import { lookup as systemLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { request as httpRequest, type Agent } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent, type RequestFilteringAgentOptions } from 'request-filtering-agent';
import { Webhook } from 'standardwebhooks';
import type { WebhookSettings } from '../config/webhook-settings';
import { addressProblem, callbackUrlProblem, type CallbackUrlPolicy } from '../callbacks/callback-url-policy';

/** What one attempt came to. */
export interface AttemptOutcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  delivered: boolean;
  /** Whether trying again cannot help: the URL itself is refused. */
  final: boolean;
}

export interface SignedMessage {
  url: string;
  webhookId: string;
  /** Each gives one signature: the current secret, and the one before during a rotation's grace. */
  secrets: string[];
  body: string;
}

/** The Standard Webhooks headers of `message`, signed at `at`. */
export function signatureHeaders(message: SignedMessage, at: Date): Record<string, string> {
  return {
    'webhook-id': message.webhookId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': message.secrets.map((secret) => new Webhook(secret).sign(message.webhookId, at, message.body)).join(' '),
  };
}

/**
 * POSTs signed callbacks. The agents check the address each connection actually goes to, after
 * the name is resolved and before connecting (so a name that resolves to a public address when
 * submitted and to a private one now is refused); no redirect is followed, the answer is read up
 * to a cap and the whole attempt has a deadline.
 */
export class SignedPoster {
  private readonly httpAgent: Agent;
  private readonly httpsAgent: Agent;

  private readonly lookup: LookupFunction;

  /** `resolve` resolves names (the system's resolver when absent): a test gives one that rebinds. */
  constructor(
    private readonly settings: WebhookSettings,
    resolve: LookupFunction = systemLookup as LookupFunction,
  ) {
    this.lookup = policedLookup(resolve, settings);
    const filter: RequestFilteringAgentOptions = { allowPrivateIPAddress: settings.allowPrivateNetworks, allowMetaIPAddress: false };
    this.httpAgent = new RequestFilteringHttpAgent(filter);
    this.httpsAgent = new RequestFilteringHttpsAgent(filter);
  }

  async post(message: SignedMessage): Promise<AttemptOutcome> {
    const started = performance.now();
    const refused = callbackUrlProblem(message.url, this.settings);
    if (refused) return { statusCode: null, error: `refused: the URL ${refused}`, durationMs: 0, delivered: false, final: true };
    const { statusCode, error, refusedAddress } = await this.send(message);
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    // The receiver's name leads where callbacks may not go: its owner must change it, and the next attempt would find the same.
    if (refusedAddress) return { statusCode: null, error: `refused: ${error}`, durationMs, delivered: false, final: true };
    const delivered = statusCode !== null && statusCode >= 200 && statusCode < 300;
    return { statusCode, error: error ?? statusProblem(statusCode), durationMs, delivered, final: false };
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private send(message: SignedMessage): Promise<{ statusCode: number | null; error?: string; refusedAddress?: boolean }> {
    const url = new URL(message.url);
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers = {
      ...signatureHeaders(message, new Date()),
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(message.body)),
      'user-agent': 'WasmWiz-Webhooks',
    };
    return new Promise((resolve) => {
      let statusCode: number | null = null;
      const finish = (error?: string, refusedAddress?: boolean) => {
        clearTimeout(deadline);
        resolve({ statusCode, error, refusedAddress });
      };
      const agent = url.protocol === 'https:' ? this.httpsAgent : this.httpAgent;
      const req = request(url, { method: 'POST', headers, agent, lookup: this.lookup }, (res) => {
        statusCode = res.statusCode ?? null;
        this.drain(res, finish);
      });
      const deadline = setTimeout(() => req.destroy(new Error(`no answer within ${this.settings.timeoutMs} ms`)), this.settings.timeoutMs);
      req.on('error', (error) => (statusCode === null ? finish(error.message, error instanceof RefusedAddressError) : finish()));
      req.end(message.body);
    });
  }

  /** Reads the answer up to the cap and drops it: only its status counts. */
  private drain(res: NodeJS.ReadableStream & { destroy(): void }, finish: (error?: string) => void): void {
    let read = 0;
    res.on('data', (chunk: Buffer) => {
      read += chunk.length;
      if (read > this.settings.maxResponseBytes) {
        res.destroy();
        finish();
      }
    });
    res.on('end', () => finish());
    res.on('error', () => finish());
  }
}

function statusProblem(statusCode: number | null): string | null {
  if (statusCode === null || (statusCode >= 200 && statusCode < 300)) return null;
  if (statusCode >= 300 && statusCode < 400) return `answered ${statusCode}: redirects are not followed`;
  return `answered ${statusCode}`;
}

/**
 * `resolve` with the callback policy applied to every address it gives, before the agent's own
 * check: the agent refuses what is not public unless private networks are allowed, this also
 * refuses link-local and metadata addresses when they are.
 */
/** A name that resolves only where callbacks may not go. */
class RefusedAddressError extends Error {}

function policedLookup(resolve: LookupFunction, policy: CallbackUrlPolicy): LookupFunction {
  return (hostname, options, callback) => {
    // RFC 6761: a resolver library answers names under .invalid at once, without asking anyone.
    if (/(^|\.)invalid\.?$/i.test(hostname)) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
    resolve(hostname, options, (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => {
      if (error) return callback(error, address as string, family);
      const addresses = typeof address === 'string' ? [address] : address.map((entry) => entry.address);
      const refused = addresses.map((entry) => addressProblem(entry, policy)).find(Boolean);
      if (refused) return callback(new RefusedAddressError(`${hostname} resolves to ${refused}: not allowed`), '', 0);
      (callback as (error: null, address: string | LookupAddress[], family?: number) => void)(null, address, family);
    });
  };
}

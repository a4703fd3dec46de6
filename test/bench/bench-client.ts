import { EncodedForm, encodeForm } from '../support/http';
import { call } from '../support/test-app';
import { UNTHROTTLED } from './guard-overhead';

/** The bench's HTTP client for one running service: admin calls, uploads and checked runs. */
export class BenchClient {
  constructor(
    readonly url: string,
    readonly key = '',
  ) {}

  get auth(): Record<string, string> {
    return { authorization: `Bearer ${this.key}` };
  }

  withKey(key: string): BenchClient {
    return new BenchClient(this.url, key);
  }

  /** A client with the key of a new enterprise account, the tier unthrottled (the bench measures runs, not quotas). */
  static async enterprise(url: string, adminToken: string): Promise<BenchClient> {
    const admin = new BenchClient(url);
    await admin.call('PATCH', '/api/v1/admin/tiers/enterprise', adminToken, UNTHROTTLED);
    const account = await admin.call('POST', '/api/v1/admin/accounts', adminToken, { name: 'bench', tier: 'enterprise' });
    const { key } = await admin.call('POST', `/api/v1/admin/accounts/${account.id}/keys`, adminToken, {});
    return admin.withKey(key);
  }

  /** An admin or API call that must succeed; its JSON body. */
  async call(method: string, path: string, token: string, body?: unknown): Promise<any> {
    const response = await call(this.url, method, path, token, body);
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  /** Stores a module; returns its id. */
  async upload(bytes: Buffer, name: string): Promise<string> {
    const form = await encodeForm(bytes, `${name}.wasm`);
    const response = await fetch(`${this.url}/api/v1/modules`, { method: 'POST', body: form.body, headers: { ...this.auth, 'content-type': form.contentType } });
    const body = await response.json();
    if (!response.ok) throw new Error(`upload ${name}: ${response.status} ${JSON.stringify(body)}`);
    return body.id as string;
  }

  /** Runs a batch of a stored module; fails the bench unless every one of its `runs` succeeded. */
  async runBatch(id: string, body: string, runs: number): Promise<void> {
    const response = await fetch(`${this.url}/api/v1/modules/${id}/batches`, { method: 'POST', headers: { ...this.auth, 'content-type': 'application/json' }, body });
    const answer = await response.json();
    const succeeded = (answer.results ?? []).filter((result: { status: string }) => result.status === 'success').length;
    if (response.status !== 200 || succeeded !== runs) throw new Error(`batch: ${response.status} ${succeeded} of ${runs} succeeded ${JSON.stringify(answer).slice(0, 300)}`);
  }

  /** Runs a stored module; fails the bench on anything but success with stdout echoed whole. */
  async runStored(id: string, body: string, expectStdoutBytes?: number): Promise<{ durationMs: number }> {
    const response = await fetch(`${this.url}/api/v1/modules/${id}/executions`, { method: 'POST', headers: { ...this.auth, 'content-type': 'application/json' }, body });
    const result = await response.json();
    if (result.status !== 'success' || (expectStdoutBytes !== undefined && Buffer.byteLength(result.stdout) !== expectStdoutBytes)) {
      throw new Error(`stored module run: ${response.status} ${JSON.stringify(result).slice(0, 300)}`);
    }
    return result;
  }

  /** A one-shot POST /api/v1/execute of an encoded form; fails the bench on anything but success. */
  async runOneShot(form: EncodedForm): Promise<{ durationMs: number }> {
    const response = await fetch(`${this.url}/api/v1/execute`, { method: 'POST', body: form.body, headers: { ...this.auth, 'content-type': form.contentType } });
    const result = await response.json();
    if (result.status !== 'success') throw new Error(`one-shot run: ${response.status} ${JSON.stringify(result).slice(0, 300)}`);
    return result;
  }
}

/** Small helpers over Node's fetch for talking to the service as a client would. */
import { performance } from 'node:perf_hooks';
import { apiFetch, checkAnswer } from './contract';

export interface ExecuteFields {
  wasm: Buffer;
  wasmName?: string;
  input?: string | Buffer;
  args?: unknown;
  env?: unknown;
}

export function executeForm(fields: ExecuteFields): FormData {
  const form = new FormData();
  form.append('wasm', new Blob([new Uint8Array(fields.wasm)]), fields.wasmName ?? 'module.wasm');
  if (typeof fields.input === 'string') form.append('input', fields.input);
  else if (fields.input) form.append('input', new Blob([new Uint8Array(fields.input)]), 'input.bin');
  if (fields.args !== undefined) form.append('args', JSON.stringify(fields.args));
  if (fields.env !== undefined) form.append('env', JSON.stringify(fields.env));
  return form;
}

export async function postExecute(
  baseUrl: string,
  key: string,
  fields: ExecuteFields,
): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await apiFetch(`${baseUrl}/api/v1/execute`, {
    method: 'POST',
    body: executeForm(fields),
    headers: { authorization: `Bearer ${key}` },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/** POST /api/v1/modules with `wasm` as `<name>.wasm`, `name` and, when given, `description`. */
export async function uploadModule(url: string, key: string, wasm: Buffer, name: string, description?: string) {
  const form = new FormData();
  form.append('wasm', new Blob([new Uint8Array(wasm)]), `${name}.wasm`);
  form.append('name', name);
  if (description) form.append('description', description);
  const response = await apiFetch(`${url}/api/v1/modules`, { method: 'POST', body: form, headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** A multipart body and its content type (with the boundary). */
export interface EncodedForm {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
}

/**
 * A multipart body with the module as `wasm`, encoded ahead of time so that timings are the
 * service's (transfer, hash, check, compile, run), not the client's form encoder.
 */
export async function encodeForm(bytes: Buffer, filename: string): Promise<EncodedForm> {
  const form = new FormData();
  form.append('wasm', new Blob([new Uint8Array(bytes)]), filename);
  const encoded = new Response(form);
  return { body: new Uint8Array(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type')! };
}

/** The slowest of back-to-back `GET /health/live` until `done` settles, in milliseconds. */
export async function slowestLiveWhile(url: string, done: Promise<unknown>): Promise<number> {
  let settled = false;
  void done.finally(() => (settled = true));
  let slowest = 0;
  while (!settled) {
    const started = performance.now();
    const response = await fetch(`${url}/health/live`);
    const body = await response.text();
    slowest = Math.max(slowest, performance.now() - started);
    // Checked against the contract after the clock stops: the time is the service's alone.
    await checkAnswer({ method: 'GET', url: response.url, status: response.status, contentType: response.headers.get('content-type'), body });
    if (!response.ok) throw new Error(`GET /health/live: ${response.status}`);
  }
  return slowest;
}

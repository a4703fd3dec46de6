/** Small helpers over Node's fetch for talking to the service as a client would. */
import { performance } from 'node:perf_hooks';
import { apiFetch, checkAnswer } from './contract';

export interface ExecuteFields {
  wasm: Buffer;
  wasmName?: string;
  input?: string | Buffer;
  args?: unknown;
  env?: unknown;
  clock?: unknown;
  randomSeed?: unknown;
  /** path -> base64, the `files` field (JSON text on multipart). */
  files?: Record<string, string>;
  /** path -> bytes: on multipart, file parts `files[<path>]`; on JSON, added to `files` as base64. */
  fileParts?: Record<string, Buffer>;
  outputFiles?: unknown;
  timeoutMs?: unknown;
  outputEncoding?: unknown;
  wait?: unknown;
  callbackUrl?: unknown;
}

export function executeForm(fields: ExecuteFields): FormData {
  const form = new FormData();
  form.append('wasm', new Blob([new Uint8Array(fields.wasm)]), fields.wasmName ?? 'module.wasm');
  if (typeof fields.input === 'string') form.append('input', fields.input);
  else if (fields.input) form.append('input', new Blob([new Uint8Array(fields.input)]), 'input.bin');
  if (fields.args !== undefined) form.append('args', JSON.stringify(fields.args));
  if (fields.env !== undefined) form.append('env', JSON.stringify(fields.env));
  if (fields.files !== undefined) form.append('files', JSON.stringify(fields.files));
  for (const [path, bytes] of Object.entries(fields.fileParts ?? {})) form.append(`files[${path}]`, new Blob([new Uint8Array(bytes)]), path);
  if (fields.outputFiles !== undefined) form.append('outputFiles', JSON.stringify(fields.outputFiles));
  for (const name of ['clock', 'randomSeed', 'timeoutMs', 'outputEncoding', 'wait', 'callbackUrl'] as const) {
    if (fields[name] !== undefined) form.append(name, String(fields[name]));
  }
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

/** The two ways to run a module: uploaded with the run, or stored first and run by its id. */
export const RUN_ROUTES = ['POST /api/v1/execute', 'POST /api/v1/modules/:id/executions'] as const;
export type RunRoute = (typeof RUN_ROUTES)[number];

/**
 * Runs `fields.wasm` through `route` with the same request: for a stored module, the module is
 * stored first (the same bytes again give the same module) and the fields go as JSON, stdin as
 * `stdinBase64`.
 */
export async function runThrough(route: RunRoute, baseUrl: string, key: string, fields: ExecuteFields): Promise<{ status: number; headers: Headers; body: any }> {
  if (route === 'POST /api/v1/execute') return postExecute(baseUrl, key, fields);
  const form = new FormData();
  form.append('wasm', new Blob([new Uint8Array(fields.wasm)]), fields.wasmName ?? 'module.wasm');
  const stored = await apiFetch(`${baseUrl}/api/v1/modules`, { method: 'POST', body: form, headers: { authorization: `Bearer ${key}` } });
  const module = await stored.json();
  if (!stored.ok) return { status: stored.status, headers: stored.headers, body: module };
  const { wasm: _wasm, wasmName: _name, input, fileParts, ...rest } = fields;
  const parts = Object.fromEntries(Object.entries(fileParts ?? {}).map(([path, bytes]) => [path, bytes.toString('base64')]));
  const files = rest.files || fileParts ? { files: { ...rest.files, ...parts } } : {};
  const body = { ...rest, ...files, ...(input === undefined ? {} : { stdinBase64: Buffer.from(input).toString('base64') }) };
  const response = await apiFetch(`${baseUrl}/api/v1/modules/${module.id}/executions`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
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

/** The service's longest event-loop delay since the last scrape of its metrics (prom-client resets it at each), in milliseconds. */
export async function eventLoopDelayMaxMs(url: string): Promise<number> {
  const text = await (await apiFetch(`${url}/metrics`)).text();
  return Number(/^wasmwiz_nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text)?.[1] ?? NaN) * 1000;
}

/** Small helpers over Node's fetch for talking to the service as a client would. */
import { apiFetch } from './contract';

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

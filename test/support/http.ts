/** Small helpers over Node's fetch for talking to the service as a client would. */

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
  const response = await fetch(`${baseUrl}/api/v1/execute`, {
    method: 'POST',
    body: executeForm(fields),
    headers: { authorization: `Bearer ${key}` },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/** Stores `wasm` as a module of the key's account (multipart `wasm`, `name`, `description`). */
export async function uploadModule(url: string, key: string, wasm: Buffer, name: string, description?: string) {
  const form = new FormData();
  form.append('wasm', new Blob([new Uint8Array(wasm)]), `${name}.wasm`);
  form.append('name', name);
  if (description) form.append('description', description);
  const response = await fetch(`${url}/api/v1/modules`, { method: 'POST', body: form, headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, body: await response.json() };
}

import { basename } from 'node:path';
import { answer, apiClient, formData, readLocal } from './api';

const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));

/** `wasmwiz modules push FILE.wasm`: prints the stored module's id. */
export async function pushModule(path: string, options: { name?: string; description?: string }): Promise<void> {
  const wasm = new File([new Uint8Array(readLocal(path))], basename(path));
  const body = { wasm, name: options.name ?? basename(path), description: options.description };
  const module = answer(await apiClient('WASMWIZ_KEY').POST('/api/v1/modules', { body, bodySerializer: formData }));
  console.log(module.id);
}

/** `wasmwiz modules list`: id, name@version, size and creation time, one module a line, every page. */
export async function listModules(): Promise<void> {
  const client = apiClient('WASMWIZ_KEY');
  let cursor: string | undefined;
  do {
    const page = answer(await client.GET('/api/v1/modules', { params: { query: { limit: 200, cursor } } }));
    for (const module of page.items) console.log([module.id, `${module.name}@${module.version}`, module.sizeBytes, module.createdAt].join('\t'));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export async function removeModule(id: string): Promise<void> {
  answer(await apiClient('WASMWIZ_KEY').DELETE('/api/v1/modules/{id}', { params: { path: { id } } }));
}

/** `wasmwiz usage`: the account's usage report, as JSON. */
export async function usage(options: { from?: string; to?: string; bucket?: 'hour' | 'day' }): Promise<void> {
  print(answer(await apiClient('WASMWIZ_KEY').GET('/api/v1/usage', { params: { query: options } })));
}

/** `wasmwiz admin accounts create`: prints the new account's id. */
export async function createAccount(options: { name: string; tier: string; email?: string }): Promise<void> {
  const account = answer(await apiClient('WASMWIZ_ADMIN_TOKEN').POST('/api/v1/admin/accounts', { body: options }));
  console.log(account.id);
}

/** `wasmwiz admin keys create ACCOUNT_ID`: prints the new key (shown this once). */
export async function createKey(accountId: string, options: { name?: string; scopes?: string[] }): Promise<void> {
  const body = { name: options.name, scopes: options.scopes as ('execute' | 'modules' | 'admin')[] | undefined };
  const key = answer(await apiClient('WASMWIZ_ADMIN_TOKEN').POST('/api/v1/admin/accounts/{id}/keys', { params: { path: { id: accountId } }, body }));
  console.log(key.key);
}

import { watFixture } from '../support/fixtures';
import { call, startTestApp, TestApp } from '../support/test-app';

function form(wasm: Buffer, name = 'module'): FormData {
  const body = new FormData();
  body.append('wasm', new Blob([new Uint8Array(wasm)]), `${name}.wasm`);
  return body;
}

async function post(url: string, route: 'execute' | 'modules', key: string, wasm: Buffer) {
  const response = await fetch(`${url}/api/v1/${route}`, { method: 'POST', body: form(wasm), headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, body: await response.json() };
}

describe('the binary rewrite never takes a name the module uses', () => {
  let service: TestApp;
  let key: string;

  beforeAll(async () => {
    service = await startTestApp();
    key = (await service.createKey('pro')).key;
  });
  afterAll(() => service.close());

  it('runs a module exporting __wasmwiz_memory_0 and __wasmwiz_table_0 like any other, one-shot and stored', async () => {
    const wasm = watFixture('reserved-names');
    const oneShot = await post(service.url, 'execute', key, wasm);
    expect(oneShot.status).toBe(200);
    expect(oneShot.body).toMatchObject({ status: 'success', stdout: 'hello\n' });
    const body = form(wasm, 'reserved-names');
    const stored = await fetch(`${service.url}/api/v1/modules`, { method: 'POST', body, headers: { authorization: `Bearer ${key}` } });
    expect(stored.status).toBe(201);
    const { id } = await stored.json();
    const run = await call(service.url, 'POST', `/api/v1/modules/${id}/executions`, key, {});
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ status: 'success', stdout: 'hello\n' });
  });
});

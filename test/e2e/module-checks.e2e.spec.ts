import { performance } from 'node:perf_hooks';
import { watFixture } from '../support/fixtures';
import { encodeForm, eventLoopDelayMaxMs, slowestLiveWhile } from '../support/http';
import { ServiceWithKey, startServiceWithKey } from '../support/service-with-key';
import { call, startTestApp, TestApp } from '../support/test-app';
import { extraStartExports, nestedBlocks, wasiCommand } from '../support/wasm-modules';
import { apiFetch } from '../support/contract';
import { until } from '../support/until';

function form(wasm: Buffer, name = 'module'): FormData {
  const body = new FormData();
  body.append('wasm', new Blob([new Uint8Array(wasm)]), `${name}.wasm`);
  return body;
}

async function post(url: string, route: 'execute' | 'modules', key: string, wasm: Buffer) {
  const response = await apiFetch(`${url}/api/v1/${route}`, { method: 'POST', body: form(wasm), headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, body: await response.json() };
}

/** Polls `read` until `done` holds of what it returns (records are written behind the response). */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  let value = await read();
  await until(async () => done((value = await read())), timeoutMs).catch(() => undefined); // the caller's expect says what was read
  return value;
}

describe('modules are checked against structure caps scaled by the tier', () => {
  let service: TestApp;
  let pro: string;
  let free: string;

  beforeAll(async () => {
    service = await startTestApp({ EXECUTION_TIMEOUT: '5s' });
    pro = (await service.createKey('pro')).key;
    free = (await service.createKey('free')).key;
  });
  afterAll(() => service.close());

  it('refuses 100 tables of 1,048,576 elements by their total, naming the limit, the total and the cap', async () => {
    const { status, body } = await post(service.url, 'modules', pro, wasiCommand({ tables: { count: 100, elements: 1_048_576 } }));
    expect(status).toBe(422);
    expect(body).toMatchObject({
      code: 'module_structure_too_large',
      detail: 'The module declares 100 tables with 104,857,600 elements in total; the pro tier allows 2,097,152',
      limit: 'tableElements',
      declared: 104_857_600,
      allowed: 2_097_152,
      tier: 'pro',
    });
  });

  it('refuses a million nested blocks, naming the function', async () => {
    const { status, body } = await post(service.url, 'modules', pro, wasiCommand({ startCode: nestedBlocks(1_000_000) }));
    expect(status).toBe(422);
    expect(body.detail).toBe('The module nests blocks 1,000,000 deep in function 0; the pro tier allows 65,536');
  });

  it('answers a module whose check can run the checker out of memory (200,000 memory.grow in one function) with a 422, never a 500, and checks the next', async () => {
    const dense = wasiCommand({ startCode: Buffer.alloc(5 * 200_000, Buffer.of(0x41, 0, 0x40, 0, 0x1a)) });
    const { status, body } = await post(service.url, 'execute', free, dense);
    // Whether the rewrite fits the checker's heap depends on when V8 collects: refused, or run.
    if (status === 422) expect(body).toMatchObject({ code: 'module_too_complex', limitBytes: 256 * 1024 * 1024 });
    else expect(body).toMatchObject({ status: 'success' });
    expect((await post(service.url, 'execute', free, wasiCommand({}))).body).toMatchObject({ status: 'success' });
  });

  it('refuses 250,000 imports on /execute before decoding them, and records it as invalid_module', async () => {
    const fresh = (await service.createKey('pro')).key;
    const { status, body } = await post(service.url, 'execute', fresh, wasiCommand({ fdWriteImports: 250_000 }));
    expect(status).toBe(422);
    expect(body).toMatchObject({ code: 'module_structure_too_large', limit: 'imports', declared: 250_000, allowed: 100_000 });
    const list = await eventually(() => call(service.url, 'GET', '/api/v1/executions', fresh), (answer) => answer.body.items.length > 0);
    expect(list.body.items).toEqual([expect.objectContaining({ status: 'invalid_module', error: body.detail })]);
  });

  it('refuses 2.5 million empty custom sections (10 MB) at once, before splitting them, and takes 9,999', async () => {
    const started = performance.now();
    const { status, body } = await post(service.url, 'modules', pro, wasiCommand({ emptyCustomSections: 2_500_000 }));
    expect(status).toBe(422);
    expect(body).toMatchObject({
      code: 'module_structure_too_large',
      detail: 'The module has 2,500,000 custom sections; the pro tier allows 10,000',
      limit: 'customSections',
      declared: 2_500_000,
      allowed: 10_000,
    });
    // Splitting them held a checker thread for seconds; counting them is a step over each.
    const refusedMs = performance.now() - started;
    const ran = await post(service.url, 'execute', pro, wasiCommand({ emptyCustomSections: 9_999 }));
    expect(ran).toMatchObject({ status: 200, body: { status: 'success' } });
    expect(refusedMs).toBeLessThan(5_000);
  });

  it('gives a tier with a smaller memory cap proportionally smaller caps', async () => {
    const nested = wasiCommand({ startCode: nestedBlocks(20_000) });
    const refused = await post(service.url, 'execute', free, nested);
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toBe('The module nests blocks 20,000 deep in function 0; the free tier allows 16,384');
    const ran = await post(service.url, 'execute', pro, nested);
    expect(ran.status).toBe(200);
    expect(ran.body.status).toBe('success');
  });
});

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
    const stored = await apiFetch(`${service.url}/api/v1/modules`, { method: 'POST', body, headers: { authorization: `Bearer ${key}` } });
    expect(stored.status).toBe(201);
    const { id } = await stored.json();
    const run = await call(service.url, 'POST', `/api/v1/modules/${id}/executions`, key, {});
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ status: 'success', stdout: 'hello\n' });
  });
});

describe('checking an upload leaves the event loop free', () => {
  let running: ServiceWithKey;

  beforeAll(async () => {
    running = await startServiceWithKey('pro');
  });
  afterAll(() => running.stop());

  it.each([
    ['99,990 exports (stored)', wasiCommand({ exports: extraStartExports(99_990) }), 201],
    ['250,000 imports (refused)', wasiCommand({ fdWriteImports: 250_000 }), 422],
  ])('never holds the event loop for a second, and answers /health/live, while checking %s', async (_what, wasm, status) => {
    const { body, contentType } = await encodeForm(wasm, 'module.wasm');
    const { service, key } = running;
    await eventLoopDelayMaxMs(service.url);
    const upload = apiFetch(`${service.url}/api/v1/modules`, { method: 'POST', body, headers: { authorization: `Bearer ${key}`, 'content-type': contentType } });
    await slowestLiveWhile(service.url, upload);
    expect((await upload).status).toBe(status);
    // Generous, and the service's own delay rather than the probe's latency: the machine is
    // shared (another test file runs beside this one). The bench measures both.
    expect(await eventLoopDelayMaxMs(service.url)).toBeLessThan(1000);
  });
});

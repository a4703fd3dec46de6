import { randomBytes } from 'node:crypto';
import { apiFetch } from '../support/contract';
import { example, hostile } from '../support/fixtures';
import { postExecute, RUN_ROUTES, runThrough, uploadModule } from '../support/http';
import { call, startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

const MiB = 1024 * 1024;
/** Below the enterprise tier's 10 MiB: the server's ceiling is what applies to the test key. */
const MAX_INPUT = 4 * MiB;

describe('run I/O: the same fields on both routes, binary bodies, limits that name themselves', () => {
  let service: TestApp;
  let key: string;
  let echoId: string;

  beforeAll(async () => {
    service = await startTestApp({ MAX_INPUT_SIZE: String(MAX_INPUT) });
    key = (await service.createKey()).key;
    echoId = (await uploadModule(service.url, key, example('echo'), 'echo')).body.id;
  });

  afterAll(() => service?.close());

  const auth = () => ({ authorization: `Bearer ${key}` });
  const stdinRun = (id: string, stdin: Buffer, query = '', headers: Record<string, string> = {}) =>
    apiFetch(`${service.url}/api/v1/modules/${id}/executions${query}`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/octet-stream', ...headers },
      body: new Uint8Array(stdin),
    });

  it('takes a 3 MiB random stdin as application/octet-stream and answers it byte for byte as raw stdout, the result in headers', async () => {
    const stdin = randomBytes(3 * MiB);
    const response = await stdinRun(echoId, stdin, '', { accept: 'application/octet-stream' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await response.arrayBuffer()).equals(stdin)).toBe(true);
    const header = (name: string) => response.headers.get(name);
    expect(header('wasmwiz-status')).toBe('success');
    expect(header('wasmwiz-exit-code')).toBe('0');
    expect(header('wasmwiz-execution-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(header('wasmwiz-duration-ms'))).toBeGreaterThan(0);
    expect(Number(header('wasmwiz-memory-peak-bytes'))).toBeGreaterThan(0);
    expect(header('wasmwiz-stdout-truncated')).toBe('false');
    expect(header('wasmwiz-stderr-bytes')).toBe('0');
    expect(header('wasmwiz-stderr')).toBeNull();
    expect(header('wasmwiz-error')).toBeNull();
    const recordOf = () => call(service.url, 'GET', `/api/v1/executions/${header('wasmwiz-execution-id')}`, key);
    await until(async () => (await recordOf()).status === 200, 20_000);
    expect((await recordOf()).body).toMatchObject({ status: 'success', inputBytes: 3 * MiB, stdoutBytes: 3 * MiB });
  });

  it('gives stderr, the exit code and the error in headers too', async () => {
    const { body: stored } = await uploadModule(service.url, key, example('files'), 'files');
    const response = await stdinRun(stored.id, Buffer.alloc(0), '', { accept: 'application/octet-stream' });
    expect(response.headers.get('wasmwiz-status')).toBe('exit_error');
    expect(response.headers.get('wasmwiz-exit-code')).toBe('1');
    const stderr = Buffer.from(response.headers.get('wasmwiz-stderr')!, 'base64').toString();
    expect(stderr).toContain('cannot open /input.txt');
    expect(Number(response.headers.get('wasmwiz-stderr-bytes'))).toBe(Buffer.byteLength(stderr));
    const stopped = await uploadModule(service.url, key, hostile('busy-loop'), 'busy');
    const timedOut = await stdinRun(stopped.body.id, Buffer.alloc(0), '?timeoutMs=300', { accept: 'application/octet-stream' });
    expect(timedOut.headers.get('wasmwiz-status')).toBe('time_limit_exceeded');
    expect(timedOut.headers.get('wasmwiz-exit-code')).toBeNull();
    expect(decodeURIComponent(timedOut.headers.get('wasmwiz-error')!)).toContain('the limit is 300 ms');
    expect(timedOut.headers.get('wasmwiz-timeout-ms')).toBe('300');
  });

  it('takes the other fields of an application/octet-stream body from the query, and answers JSON unless asked', async () => {
    const { body: stored } = await uploadModule(service.url, key, example('args-env'), 'args-env');
    const query = `?args=${encodeURIComponent('["--n","10"]')}&env=${encodeURIComponent('{"NAME":"value"}')}&outputEncoding=base64&timeoutMs=2000`;
    const response = await stdinRun(stored.id, Buffer.from('ignored'), query);
    const body = await response.json();
    expect(body).toMatchObject({ status: 'success', stdoutEncoding: 'base64', limits: { timeoutMs: 2000 } });
    expect(Buffer.from(body.stdout, 'base64').toString()).toBe('argv[0]=args-env\nargv[1]=--n\nargv[2]=10\nenv NAME=value\n');
  });

  it.each(RUN_ROUTES)('%s takes files (JSON and file parts), timeoutMs, outputEncoding and outputFiles', async (route) => {
    const fields = { wasm: example('files'), fileParts: { 'input.txt': Buffer.from('from a part\n') }, outputEncoding: 'base64', outputFiles: ['output.txt'] };
    const fromPart = await runThrough(route, service.url, key, fields);
    expect(fromPart.status).toBe(200);
    expect(Buffer.from(fromPart.body.stdout, 'base64').toString()).toBe('FROM A PART\nwritten by wasm\n');
    const fromJson = await runThrough(route, service.url, key, { wasm: example('files'), files: { 'input.txt': Buffer.from('json\n').toString('base64') } });
    expect(fromJson.body).toMatchObject({ status: 'success', stdout: 'JSON\nwritten by wasm\n' });
    const timedOut = await runThrough(route, service.url, key, { wasm: hostile('busy-loop'), timeoutMs: 300 });
    expect(timedOut.body).toMatchObject({ status: 'time_limit_exceeded', limits: { timeoutMs: 300 } });
  });

  it.each(RUN_ROUTES)('%s refuses the same bad fields with the same problems', async (route) => {
    const refused = async (fields: Record<string, unknown>) => (await runThrough(route, service.url, key, { wasm: example('hello'), ...fields })).body;
    expect(await refused({ outputFiles: ['../etc/passwd'] })).toMatchObject({ status: 400, code: 'invalid_output_files', field: 'outputFiles' });
    expect(await refused({ outputFiles: 'out.wav' })).toMatchObject({ status: 400, code: 'invalid_output_files' });
    expect(await refused({ timeoutMs: 60_000 })).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(await refused({ files: { '../x': 'aGk=' } })).toMatchObject({ status: 400, code: 'invalid_files' });
    const tooLarge = await refused({ fileParts: { 'big.bin': Buffer.alloc(MAX_INPUT + 1) } });
    expect(tooLarge).toMatchObject({ status: 413, code: 'input_too_large', limitBytes: MAX_INPUT, limit: 'maxInputBytes', limitSource: 'server', setting: 'MAX_INPUT_SIZE' });
  });

  it('names the field a one-shot run does not take, once', async () => {
    const form = new FormData();
    form.append('wasm', new Blob([new Uint8Array(example('hello'))]), 'hello.wasm');
    form.append('bogus', 'x');
    const response = await apiFetch(`${service.url}/api/v1/execute`, { method: 'POST', body: form, headers: auth() });
    const body = await response.json();
    expect(body.code).toBe('unknown_field');
    expect(body.detail).toMatch(/^Unexpected field `bogus`: expected `wasm` \(file\), /);
    for (const field of ['`files[<path>]` (files)', '`files`', '`outputFiles`', '`timeoutMs`', '`outputEncoding`']) expect(body.detail).toContain(field);
  });

  it('gives the guest env variables and files named like Object.prototype members (toString, valueOf), as the form does', async () => {
    const argsEnv = (await uploadModule(service.url, key, example('args-env'), 'args-env')).body.id;
    const env = { toString: '1', hasOwnProperty: '2', A: 'b' };
    const ran = await call(service.url, 'POST', `/api/v1/modules/${argsEnv}/executions`, key, { env });
    // Before: class-transformer left out the names its copy already had as methods; only A=b reached the guest.
    expect(ran.body.stdout.split('\n').filter((line: string) => line.startsWith('env ')).sort()).toEqual(['env A=b', 'env hasOwnProperty=2', 'env toString=1']);
    const batch = await call(service.url, 'POST', `/api/v1/modules/${argsEnv}/batches`, key, { runs: [{ env }] });
    expect(batch.body.results[0].stdout).toContain('env toString=1');
    const files = await call(service.url, 'POST', `/api/v1/modules/${echoId}/executions`, key, { files: { valueOf: Buffer.from('hi').toString('base64') }, outputFiles: ['*'] });
    expect(files.body.files).toEqual({ valueOf: Buffer.from('hi').toString('base64') });
  });

  it("points a newcomer's field names to the route's own: a text `wasm`, `stdin` in the form, `input` in a JSON body", async () => {
    const textWasm = new FormData();
    textWasm.append('wasm', 'examples/hello.wasm');
    const asText = await (await apiFetch(`${service.url}/api/v1/execute`, { method: 'POST', body: textWasm, headers: auth() })).json();
    expect(asText).toMatchObject({ code: 'unknown_field', field: 'wasm' });
    expect(asText.detail).toBe('The field `wasm` must be a file part (Content-Disposition with a filename; curl: -F wasm=@path), not text');
    const stdinField = new FormData();
    stdinField.append('wasm', new Blob([new Uint8Array(example('hello'))]), 'hello.wasm');
    stdinField.append('stdin', 'hi');
    const stdin = await (await apiFetch(`${service.url}/api/v1/execute`, { method: 'POST', body: stdinField, headers: auth() })).json();
    expect(stdin).toMatchObject({ code: 'unknown_field', field: 'stdin' });
    expect(stdin.detail).toMatch(/; stdin is the field `input` of this form$/);
    const input = await call(service.url, 'POST', `/api/v1/modules/${echoId}/executions`, key, { input: 'hi' });
    expect(input.body).toMatchObject({ code: 'unknown_field', field: 'input' });
    expect(input.body.detail).toMatch(/a run's stdin is `stdin` in a JSON body/);
  });

  it('names the limit of every 413: the input, the module, and the JSON body limit', async () => {
    const declared = await stdinRun(echoId, Buffer.alloc(MAX_INPUT + 1));
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ code: 'input_too_large', limitBytes: MAX_INPUT, limitSource: 'server', setting: 'MAX_INPUT_SIZE' });
    const free = await service.createKey('free');
    const { body: freeEcho } = await uploadModule(service.url, free.key, example('echo'), 'echo');
    const tier = await apiFetch(`${service.url}/api/v1/modules/${freeEcho.id}/executions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${free.key}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(65_537),
    });
    const tierProblem = await tier.json();
    expect(tierProblem).toMatchObject({ code: 'input_too_large', limitBytes: 65_536, limit: 'maxInputBytes', limitSource: 'tier', tier: 'free' });
    expect(tierProblem.detail).toContain("set by the free tier's maxInputBytes");
    const module = await postExecute(service.url, free.key, { wasm: Buffer.concat([example('hello'), Buffer.alloc(MiB)]) });
    expect(module.body).toMatchObject({ code: 'module_too_large', limit: 'maxModuleBytes', limitSource: 'tier', tier: 'free' });
    expect(module.body.detail).toContain("set by the free tier's maxModuleBytes");
    const body = await call(service.url, 'POST', `/api/v1/modules/${echoId}/executions`, key, { stdinBase64: Buffer.alloc(5 * MiB).toString('base64') });
    expect(body.status).toBe(413);
    expect(body.body).toMatchObject({ code: 'payload_too_large', limit: 'jsonBodyBytes', limitSource: 'server', setting: 'MAX_INPUT_SIZE' });
    expect(body.body.detail).toMatch(/limit of \d+ bytes for a JSON body, set by the server's MAX_INPUT_SIZE/);
  });

  it('shows the effective limits and what sets each in /api/v1/me', async () => {
    const me = await call(service.url, 'GET', '/api/v1/me', key);
    expect(me.body.limits.maxInputBytes).toBe(MAX_INPUT);
    expect(me.body.limitSources).toEqual({ maxModuleBytes: 'tier', maxInputBytes: 'server', timeoutMs: 'server', memoryLimitBytes: 'server', maxOutputBytes: 'tier' });
  });

  it('refuses outputFiles with a raw stdout answer, and query fields beside a JSON body', async () => {
    const refused = await stdinRun(echoId, Buffer.from('x'), `?outputFiles=${encodeURIComponent('["a"]')}`, { accept: 'application/octet-stream' });
    expect(refused.status).toBe(406);
    expect((await refused.json()).code).toBe('not_acceptable');
    const both = await apiFetch(`${service.url}/api/v1/modules/${echoId}/executions?timeoutMs=5`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ stdin: 'x' }),
    });
    expect(both.status).toBe(400);
    expect(await both.json()).toMatchObject({ code: 'validation_failed', field: 'timeoutMs' });
  });
});

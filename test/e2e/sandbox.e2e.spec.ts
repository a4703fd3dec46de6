import { createHash } from 'node:crypto';
import { ENGINE_NAMES } from '../../workers/engines';
import { example, hostile, watFixture } from '../support/fixtures';
import { postExecute } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { apiFetch } from '../support/contract';
import { SandboxPool } from '../../src/sandbox/sandbox-pool.service';
import { until } from '../support/until';
import { watAssembler } from '../support/wat';

/** The timeout of the runs, busy loops stop at it (the bombs have a longer one, below). */
const TIMEOUT_MS = 3000;
/**
 * The timeout of the runs that must stop at a cap: a bomb reaches it in well under a second on an
 * idle machine, and may take several on a loaded one; either way it must be the cap that stops it.
 */
const CAPPED_WITHIN_MS = 60_000;
const MEMORY_LIMIT = 32 * 1024 * 1024;
const OUTPUT_LIMIT = 64 * 1024;

describe.each(ENGINE_NAMES)('POST /api/v1/execute against the real worker pool, on the %s engine', (engine) => {
  const { wat } = watAssembler();
  let service: TestApp;
  let key: string;
  let patientKey: string;

  beforeAll(async () => {
    service = await startTestApp({
      EXECUTION_TIMEOUT: `${CAPPED_WITHIN_MS}ms`,
      MEMORY_LIMIT: String(MEMORY_LIMIT),
      MAX_OUTPUT_SIZE: String(OUTPUT_LIMIT),
      WORKER_THREADS: '3',
      WASI_ENGINE: engine,
    });
    const tier = (name: string, timeoutMs: number) => service.admin('PATCH', `/api/v1/admin/tiers/${name}`, { timeoutMs, memoryLimitBytes: MEMORY_LIMIT, maxOutputBytes: OUTPUT_LIMIT });
    expect((await tier('enterprise', TIMEOUT_MS)).status).toBe(200);
    expect((await tier('pro', CAPPED_WITHIN_MS)).status).toBe(200);
    key = (await service.createKey('enterprise')).key;
    patientKey = (await service.createKey('pro')).key;
  });
  afterAll(() => service.close());

  const run = (fields: Parameters<typeof postExecute>[2]) => postExecute(service.url, key, fields);
  /** A run with time enough to reach its cap however loaded the machine is. */
  const runToItsCap = (fields: Parameters<typeof postExecute>[2]) => postExecute(service.url, patientKey, fields);

  describe('sample programs', () => {
    it('runs hello', async () => {
      const { status, body } = await run({ wasm: example('hello'), wasmName: 'hello.wasm' });
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 'success', exitCode: 0, stdout: 'Hello, WasmWiz!\n', stdoutEncoding: 'utf8' });
      expect(body.moduleSha256).toBe(createHash('sha256').update(example('hello')).digest('hex'));
      expect(body.limits).toEqual({ timeoutMs: TIMEOUT_MS, memoryLimitBytes: MEMORY_LIMIT, maxOutputBytes: OUTPUT_LIMIT });
      expect(body.memoryPeakBytes).toBeGreaterThan(0);
      expect(body.memoryPeakBytes).toBeLessThanOrEqual(MEMORY_LIMIT);
      expect(typeof body.id).toBe('string');
    });

    it('counts a memory exported under several names once in memoryPeakBytes', async () => {
      const { body } = await run({ wasm: watFixture('memory-three-names') });
      expect(body).toMatchObject({ status: 'success', memoryPeakBytes: 3 * 65536 });
    });

    it('echoes text stdin and binary stdin from a file part', async () => {
      // A text part is taken verbatim (FormData itself would turn "\n" into "\r\n").
      const text = await run({ wasm: example('echo'), input: 'héllo wörld' });
      expect(text.body).toMatchObject({ status: 'success', stdout: 'héllo wörld' });
      const binary = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255]);
      const bin = await run({ wasm: example('echo'), input: binary });
      expect(bin.body.stdoutEncoding).toBe('base64');
      expect(Buffer.from(bin.body.stdout, 'base64')).toEqual(binary);
    });

    it('gives each run only its own stdin, though the buffers it is read from are reused', async () => {
      // One after another: the shorter inputs (same 32 KiB buffer size) land in buffers the longer ones used.
      for (let round = 0; round < 4; round++) {
        const long = await run({ wasm: example('echo'), input: Buffer.alloc(30_000 - round, 'a') });
        expect(long.body.stdout).toBe('a'.repeat(30_000 - round));
        const shorter = `b${round}${'c'.repeat(17_000)}`;
        const short = await run({ wasm: example('echo'), input: shorter });
        expect(short.body.status).toBe('success');
        expect(short.body.stdout === shorter).toBe(true);
      }
      const empty = await run({ wasm: example('echo') });
      expect(empty.body).toMatchObject({ status: 'success', stdout: '' });
    });

    it('gives each run a zeroed memory, though workers reuse guest memories', async () => {
      // Every run fills its memory with a pattern before it ends; more runs than workers.
      for (let round = 0; round < 8; round++) {
        const { body } = await run({ wasm: watFixture('memory-residue') });
        expect(body).toMatchObject({ status: 'success', stdout: 'clean\n' });
      }
    });

    it('hashes stdin like sha256sum', async () => {
      const input = Buffer.alloc(200_000, 'abc');
      const { body } = await run({ wasm: example('sha256'), input });
      expect(body.stdout).toBe(`${createHash('sha256').update(input).digest('hex')}\n`);
    });

    it('passes args after argv[0] = the module name, and env', async () => {
      const { body } = await run({ wasm: example('args-env'), wasmName: 'args-env.wasm', args: ['one', 'two words'], env: { GREETING: 'hi' } });
      expect(body.status).toBe('success');
      expect(body.stdout).toContain('argv[0]=args-env.wasm\nargv[1]=one\nargv[2]=two words\n');
      expect(body.stdout).toContain('env GREETING=hi');
      expect(body.stdout).not.toContain('PATH=');
    });

    it('computes fibonacci from an argument', async () => {
      const { body } = await run({ wasm: example('fibonacci'), args: ['50'] });
      expect(body.stdout).toBe('fib(50) = 12586269025\n');
    });

    it('reports a non-zero exit as exit_error with its stderr', async () => {
      const { body } = await run({ wasm: example('exit-code'), args: ['3'] });
      expect(body).toMatchObject({ status: 'exit_error', exitCode: 3, stderr: 'exiting with 3\n' });
    });

    it('returns output that is not UTF-8 as base64, byte for byte', async () => {
      const { body } = await run({ wasm: example('binary-output') });
      expect(body.stdoutEncoding).toBe('base64');
      expect([...Buffer.from(body.stdout, 'base64')]).toEqual([...Array(256).keys()]);
    });

    it('keeps nothing between runs', async () => {
      const first = await run({ wasm: example('args-env'), env: { SECRET: 'a' } });
      const second = await run({ wasm: example('args-env') });
      expect(first.body.stdout).toContain('SECRET=a');
      expect(second.body.stdout).not.toContain('SECRET');
    });
  });

  describe('hostile modules', () => {
    it('stops a busy loop in _start at the timeout and the pool recovers', async () => {
      const started = Date.now();
      const { status, body } = await run({ wasm: hostile('busy-loop') });
      const elapsed = Date.now() - started;
      expect(status).toBe(200);
      expect(body.status).toBe('time_limit_exceeded');
      expect(body.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS);
      expect(elapsed).toBeLessThan(TIMEOUT_MS + 2000);
      const after = await run({ wasm: example('hello') });
      expect(after.body.status).toBe('success');
    });

    it('stops a loop in the start section (during instantiation)', async () => {
      const { body } = await run({ wasm: hostile('start-loop') });
      expect(body.status).toBe('time_limit_exceeded');
    });

    it('caps a memory grow bomb at the memory limit', async () => {
      const { body } = await runToItsCap({ wasm: hostile('memory-grow-bomb') });
      expect(body.status).toBe('memory_limit_exceeded');
      expect(body.memoryPeakBytes).toBeLessThanOrEqual(MEMORY_LIMIT);
      expect(body.memoryPeakBytes).toBeGreaterThan(MEMORY_LIMIT - 2 * 65536 * 16);
    });

    it('refuses a module declaring 2 GiB of memory with a 422 naming the limit', async () => {
      const { status, headers, body } = await run({ wasm: hostile('memory-2gib') });
      expect(status).toBe(422);
      expect(headers.get('content-type')).toContain('application/problem+json');
      expect(body.code).toBe('module_memory_too_large');
      expect(body.detail).toContain(String(MEMORY_LIMIT));
    });

    it('stops an output flood at the output cap and returns what fit', async () => {
      const { body } = await run({ wasm: hostile('output-flood') });
      expect(body.status).toBe('output_limit_exceeded');
      expect(body.stdoutTruncated).toBe(true);
      expect(Buffer.from(body.stdout, body.stdoutEncoding).length).toBe(OUTPUT_LIMIT);
    });

    it('reports a trap after WASI calls as a trap, with the output written before it', async () => {
      const { body } = await run({ wasm: watFixture('print-then-trap') });
      expect(body).toMatchObject({ status: 'trap', stdout: 'before the trap\n' });
      expect(body.error).toMatch(/unreachable/);
    });

    it('reports proc_exit from the start section (during instantiation) as that exit', async () => {
      const { body } = await run({ wasm: watFixture('exit-in-start') });
      expect(body).toMatchObject({ status: 'exit_error', exitCode: 7 });
    });

    it.each([
      ['recursion', /call stack|stack overflow/i],
      ['unreachable', /unreachable/i],
      ['out-of-bounds', /out of bounds/i],
    ])('reports %s as a trap with its message', async (name, message) => {
      const { status, body } = await run({ wasm: hostile(name) });
      expect(status).toBe(200);
      expect(body.status).toBe('trap');
      expect(body.error).toMatch(message);
    });

    it('stops a guest that writes a file without end at the memory limit (not at the timeout)', async () => {
      const { body } = await runToItsCap({ wasm: hostile('file-bomb') });
      expect(body.status).toBe('memory_limit_exceeded');
      expect(body.error).toContain(`memory limit of ${MEMORY_LIMIT} bytes`);
    });

    it('caps a table grow bomb', async () => {
      const { body } = await runToItsCap({ wasm: hostile('table-grow-bomb') });
      expect(body.status).toBe('memory_limit_exceeded');
    });

    it("caps what a module's tables hold together: ten tables grown by a million elements each stop at the first", async () => {
      const { body } = await runToItsCap({ wasm: hostile('tables-grow-bomb') });
      expect(body.status).toBe('memory_limit_exceeded');
      // Refused at the cap, not the worker's heap run out (tables live on it).
      expect(body.error).toContain('a table could not grow past the limit of 1048576 elements');
    });

    it("refuses a module whose tables declare more than they may hold together, naming each one's share", async () => {
      // 300,003 elements in all is within the structure cap; 300,000 in one of four tables is over its share.
      const tables = [300_000, 1, 1, 1].map((min, i) => `(table $t${i} ${min} funcref)`).join(' ');
      const { status, body } = await run({ wasm: Buffer.from(wat(`(module (memory (export "memory") 1) ${tables} (func (export "_start")))`)) });
      expect(status).toBe(422);
      expect(body.code).toBe('module_table_too_large');
      expect(body.detail).toContain('over the limit of 262144');
      expect(body.detail).toContain('shared by its 4 tables');
    });

    it('refuses an unknown import with a 422 naming it', async () => {
      const { status, body } = await run({ wasm: hostile('unknown-import') });
      expect(status).toBe(422);
      expect(body.code).toBe('module_import_not_allowed');
      expect(body.detail).toContain('env.steal_secrets');
      expect(body.imports).toEqual(['env.steal_secrets']);
    });

    it('refuses a WASI import of the wrong type with a 422 naming both signatures', async () => {
      const { status, body } = await run({ wasm: hostile('wrong-wasi-signature') });
      expect(status).toBe(422);
      expect(body).toMatchObject({ code: 'module_import_not_allowed', imports: ['wasi_snapshot_preview1.fd_write'] });
      expect(body.detail).toBe('The module imports wasi_snapshot_preview1.fd_write as (i64, f64, i32, i32) -> i64; WASI preview 1 defines it as (i32, i32, i32, i32) -> i32');
    });

    it.each([
      ['not-wasm', 'module_not_wasm'],
      ['empty', 'module_empty'],
      ['truncated', 'module_malformed'],
    ])('refuses %s as an invalid module', async (name, code) => {
      const { status, body } = await run({ wasm: hostile(name) });
      expect(status).toBe(422);
      expect(body.code).toBe(code);
    });

    it('answers a benign request while two busy loops run', async () => {
      const loops = [run({ wasm: hostile('busy-loop') }), run({ wasm: hostile('busy-loop') })];
      await until(() => service.app.get(SandboxPool).running === 2, 30_000);
      const benign = await run({ wasm: example('echo'), input: 'still here' });
      expect(benign.body).toMatchObject({ status: 'success', stdout: 'still here' });
      for (const loop of await Promise.all(loops)) expect(loop.body.status).toBe('time_limit_exceeded');
    });

    it('stays ready with bounded memory after the whole hostile set', async () => {
      const names = ['busy-loop', 'start-loop', 'memory-grow-bomb', 'memory-2gib', 'output-flood', 'recursion', 'unreachable',
        'out-of-bounds', 'table-grow-bomb', 'tables-grow-bomb', 'file-bomb', 'unknown-import', 'wrong-wasi-signature', 'not-wasm', 'empty', 'truncated'];
      const rssBefore = process.memoryUsage().rss;
      for (let round = 0; round < 2; round++) {
        await Promise.all(names.map((name) => run({ wasm: hostile(name) })));
      }
      global.gc?.();
      const growth = process.memoryUsage().rss - rssBefore;
      expect(growth).toBeLessThan(256 * 1024 * 1024);
      const ready = await apiFetch(`${service.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect((await run({ wasm: example('hello') })).body.status).toBe('success');
    });
  });
});

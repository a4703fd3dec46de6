import { ENGINE_NAMES } from '../../workers/engines';
import { cFixture, watFixture } from '../support/fixtures';
import { RUN_ROUTES, runThrough } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

const MEMORY_LIMIT = 32 * 1024 * 1024;
const reallocUntilFail = cFixture('realloc-until-fail');

/**
 * `memory_limit_exceeded` is exact: a run whose memory.grow was refused at the cap and that then
 * fails, and only such a run, on every engine and both run routes.
 */
describe.each(ENGINE_NAMES)('memory_limit_exceeded on the %s engine', (engine) => {
  let service: TestApp;
  let key: string;

  beforeAll(async () => {
    service = await startTestApp({ MEMORY_LIMIT: String(MEMORY_LIMIT), WORKER_THREADS: '2', WASI_ENGINE: engine });
    key = (await service.createKey('enterprise')).key;
  });
  afterAll(() => service.close());

  describe.each(RUN_ROUTES)('through %s', (route) => {
    const run = (fields: Parameters<typeof runThrough>[3]) => runThrough(route, service.url, key, fields);

    it('reports a trap after a refused memory.grow as memory_limit_exceeded, though the memory is nearly empty', async () => {
      const { status, body } = await run({ wasm: watFixture('grow-refused-trap'), wasmName: 'grow-refused-trap.wasm' });
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 'memory_limit_exceeded', exitCode: null, memoryPeakBytes: 65536 });
      expect(body.error).toBe(`unreachable (after its memory could not grow past the limit of ${MEMORY_LIMIT} bytes)`);
    });

    it('reports a run that recovers from a refused grow and exits 0 as a success', async () => {
      const { body } = await run({ wasm: watFixture('grow-refused-recovers'), wasmName: 'grow-refused-recovers.wasm' });
      expect(body).toMatchObject({ status: 'success', exitCode: 0, stdout: 'recovered\n', memoryPeakBytes: MEMORY_LIMIT });
    });

    it('reports a trap with the memory full but no grow refused as a trap', async () => {
      const { body } = await run({ wasm: watFixture('memory-full-trap'), wasmName: 'memory-full-trap.wasm' });
      expect(body).toMatchObject({ status: 'trap', error: 'unreachable', memoryPeakBytes: MEMORY_LIMIT });
    });

    it('reports a C program whose malloc fails at the cap, and which exits 1, as memory_limit_exceeded', async () => {
      const { body } = await run({ wasm: reallocUntilFail, wasmName: 'realloc-until-fail.wasm' });
      expect(body).toMatchObject({ status: 'memory_limit_exceeded', exitCode: 1 });
      expect(body.stderr).toMatch(/^realloc to \d+ bytes failed\n$/);
      expect(body.memoryPeakBytes).toBeLessThan(MEMORY_LIMIT * 0.9);
    });

    it('reports the same program calling abort() after the failure as memory_limit_exceeded', async () => {
      const { body } = await run({ wasm: reallocUntilFail, wasmName: 'realloc-until-fail.wasm', args: ['abort'] });
      expect(body).toMatchObject({ status: 'memory_limit_exceeded', exitCode: null });
    });

    it('reports the same program recovering from the failure as a success', async () => {
      const { body } = await run({ wasm: reallocUntilFail, wasmName: 'realloc-until-fail.wasm', args: ['recover'] });
      expect(body).toMatchObject({ status: 'success', exitCode: 0 });
      expect(body.stdout).toMatch(/^recovered after \d+ bytes\n$/);
    });
  });
});

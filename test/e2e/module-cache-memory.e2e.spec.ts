import { memoryOf } from '../bench/machine';
import { encodeForm } from '../support/http';
import { ServiceWithKey, startServiceWithKey } from '../support/service-with-key';
import { wasiCommand, withNonce } from '../support/wasm-modules';
import { apiFetch } from '../support/contract';

const MiB = 2 ** 20;
const BUDGET = 160 * MiB;
/** The process without modules, and one module being compiled and one being run beside the cached ones. */
const MARGIN = 200 * MiB;
const UPLOADS = 10;
/** Each module takes seconds to compile on a loaded machine. */
const TIMEOUT_MS = 240_000;

describe('the compiled-module cache', () => {
  let running: ServiceWithKey;

  beforeAll(async () => {
    running = await startServiceWithKey('enterprise', {
      MODULE_CACHE_SIZE: `${BUDGET / MiB}MB`,
      // Room for a million functions in the enterprise tier's structure caps.
      MEMORY_LIMIT: '512MB',
    });
  });
  afterAll(() => running.stop());

  it(`keeps the service's RSS within its budget + ${MARGIN / MiB} MiB through ${UPLOADS} one-shot runs of 4 MB modules of a million functions`, async () => {
    const { service, key } = running;
    const module = wasiCommand({ emptyFunctions: 999_999 });
    const pid = service.child.pid!;
    const start = memoryOf(pid, 'VmRSS');
    const seen: number[] = [];
    for (let i = 0; i < UPLOADS; i++) {
      const { body, contentType } = await encodeForm(withNonce(module, i), `functions-${i}.wasm`);
      const response = await apiFetch(`${service.url}/api/v1/execute`, { method: 'POST', body, headers: { authorization: `Bearer ${key}`, 'content-type': contentType } });
      expect(await response.json()).toMatchObject({ status: 'success' });
      seen.push(memoryOf(pid, 'VmRSS'));
    }
    const series = `RSS ${Math.round(start / MiB)} MiB at the start, then ${seen.map((bytes) => Math.round(bytes / MiB)).join(', ')} MiB`;
    expect(Math.max(...seen) < start + BUDGET + MARGIN ? 'within' : series).toBe('within');
  }, TIMEOUT_MS);
});

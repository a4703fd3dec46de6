import { readFileSync } from 'node:fs';
import { encodeForm } from '../support/http';
import { ServiceProcess, startServiceProcess } from '../support/service-process';
import { call, TEST_ADMIN_TOKEN } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';
import { wasiCommand, withNonce } from '../support/wasm-modules';

const MiB = 2 ** 20;
const BUDGET = 160 * MiB;
/** The process without modules, and one module being compiled and one being run beside the cached ones. */
const MARGIN = 200 * MiB;
const UPLOADS = 10;
/** Each module takes seconds to compile on a loaded machine. */
const TIMEOUT_MS = 240_000;

function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

describe('the compiled-module cache', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let service: ServiceProcess;
  let key: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    service = await startServiceProcess({
      DATABASE_URL: database.url,
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      API_SALT: 'test-salt-0123456789abcdef',
      MODULE_CACHE_SIZE: `${BUDGET / MiB}MB`,
      // Room for a million functions in the enterprise tier's structure caps.
      MEMORY_LIMIT: '512MB',
    });
    const account = await call(service.url, 'POST', '/api/v1/admin/accounts', TEST_ADMIN_TOKEN, { name: 'cache', tier: 'enterprise' });
    key = (await call(service.url, 'POST', `/api/v1/admin/accounts/${account.body.id}/keys`, TEST_ADMIN_TOKEN, {})).body.key;
  });
  afterAll(async () => {
    service.child.kill('SIGTERM');
    await service.exited;
    await database.drop();
  });

  it(`keeps the service's RSS within its budget + ${MARGIN / MiB} MiB through ${UPLOADS} one-shot runs of 4 MB modules of a million functions`, async () => {
    const module = wasiCommand({ emptyFunctions: 999_999 });
    const pid = service.child.pid!;
    const start = residentBytes(pid);
    const seen: number[] = [];
    for (let i = 0; i < UPLOADS; i++) {
      const { body, contentType } = await encodeForm(withNonce(module, i), `functions-${i}.wasm`);
      const response = await fetch(`${service.url}/api/v1/execute`, { method: 'POST', body, headers: { authorization: `Bearer ${key}`, 'content-type': contentType } });
      expect(await response.json()).toMatchObject({ status: 'success' });
      seen.push(residentBytes(pid));
    }
    const highest = Math.max(...seen);
    console.log(`RSS ${Math.round(start / MiB)} MiB at the start, then ${seen.map((bytes) => Math.round(bytes / MiB)).join(', ')} MiB`);
    expect(highest).toBeLessThan(start + BUDGET + MARGIN);
  }, TIMEOUT_MS);
});

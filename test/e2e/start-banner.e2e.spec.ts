import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServiceProcess } from '../support/service-process';
import { createTestDatabase } from '../support/test-database';
import { until } from '../support/until';

/** What an operator sees: a first start without ADMIN_TOKEN, then a second one on the same DATA_DIR. */
describe('the lines a start prints', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wasmwiz-banner-'));
  let database: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The output of one start, once its last line (`lastLine`) is out; the service stopped. */
  async function start(lastLine: RegExp): Promise<string[]> {
    const service = await startServiceProcess({ DATABASE_URL: database.url, DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    try {
      await until(() => lastLine.test(service.output()), 30_000);
      return service.output().trimEnd().split('\n');
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
    }
  }

  it('ends a first start with where it serves and the admin token it generated, after every log line, and a later one with where the token is kept', async () => {
    const lines = await start(/^Next: /m);
    const token = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).adminToken as string;
    const serving = lines.findIndex((line) => line.startsWith('WasmWiz is serving the API and the UI at http://127.0.0.1:'));
    expect(serving).toBeGreaterThan(-1);
    expect(lines.slice(serving + 1)).toEqual([
      `Admin token (generated on this first start, kept in ${join(dataDir, 'secrets.json')}; set ADMIN_TOKEN to choose your own):`,
      `  ${token}`,
      expect.stringMatching(/^Next: open http:\/\/127\.0\.0\.1:\d+\/ and choose Admin/),
    ]);
    // Nest's routine lines (each module, controller and route it set up) are at debug.
    expect(lines.filter((line) => /Mapped \{|RouterExplorer|RoutesResolver|InstanceLoader/.test(line))).toEqual([]);
    expect(serving).toBeLessThan(10);

    // A later start on the same DATA_DIR says where the token is kept, without printing it.
    const later = await start(/^Admin token: kept in /m);
    expect(later.slice(-2)).toEqual([
      expect.stringMatching(/^WasmWiz is serving the API and the UI at http:\/\/127\.0\.0\.1:\d+\//),
      `Admin token: kept in ${join(dataDir, 'secrets.json')} (adminToken); set ADMIN_TOKEN to choose your own`,
    ]);
    expect(later.join('\n')).not.toContain(token);
  });
});

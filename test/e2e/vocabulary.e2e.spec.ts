import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { EXECUTION_STATUSES, FINAL_STATUSES } from '../../src/common/execution-statuses';
import { VOCABULARY_PATH } from '../../src/http/vocabulary-script';
import { startTestApp, TestApp } from '../support/test-app';

/** What a browser would get importing `source` as an ES module: its exports, read in a Node of its own. */
async function importModule(source: string): Promise<Record<string, unknown>> {
  const dir = await mkdtemp(join(tmpdir(), 'wasmwiz-vocabulary-'));
  try {
    const file = join(dir, 'vocabulary.mjs');
    await writeFile(file, source);
    const reader = `import(${JSON.stringify(pathToFileURL(file).href)}).then((m) => console.log(JSON.stringify({ ...m, frozen: Object.values(m).every(Object.isFrozen) })))`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', reader]);
    return JSON.parse(stdout);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe(`the page's vocabulary (${VOCABULARY_PATH})`, () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp({ WORKER_THREADS: '1' });
  });
  afterAll(() => service.close());

  it('is a JavaScript module exporting the statuses as src/common defines them, frozen', async () => {
    const response = await fetch(`${service.url}${VOCABULARY_PATH}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const exported = await importModule(await response.text());
    expect(exported).toEqual({ EXECUTION_STATUSES: [...EXECUTION_STATUSES], FINAL_STATUSES: [...FINAL_STATUSES], frozen: true });
  });

  it('lists every status an execution record can carry, as the API describes it, final ones among them', async () => {
    const document = await (await fetch(`${service.url}/docs-json`)).json();
    const recorded: string[] = document.components.schemas.RecordedStatus.enum;
    const answered: string[] = document.components.schemas.ExecutionStatus.enum;
    const exported = await importModule(await (await fetch(`${service.url}${VOCABULARY_PATH}`)).text());
    expect(exported.EXECUTION_STATUSES).toEqual(recorded);
    expect(recorded).toEqual(expect.arrayContaining(answered));
    expect(recorded).toEqual(expect.arrayContaining(exported.FINAL_STATUSES as string[]));
  });

  it('leaves the static files beside it served', async () => {
    const response = await fetch(`${service.url}/js/main.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('javascript');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cFixture, WRITE_FILES_LEAVES as SMALL, writeFilesBig as bigFile } from '../support/fixtures';
import { finalRecord } from '../support/async-runs';
import { RUN_ROUTES, runThrough } from '../support/http';
import { call, startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

/** The output limit of every run here (a server ceiling): stdout, stderr and files together. */
const OUTPUT_LIMIT = 64 * 1024;
const WRITE_FILES = cFixture('write-files');
const JS = ['dist/.hidden.js', 'dist/a.js', 'dist/sub/b.js'] as const;

const decoded = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([path, base64]) => [path, Buffer.from(base64, 'base64').toString()]));
const bytesOf = (...paths: (keyof typeof SMALL)[]) => paths.reduce((sum, path) => sum + Buffer.byteLength(SMALL[path]), 0);

async function recordOf(service: TestApp, key: string, id: string) {
  const get = () => call(service.url, 'GET', `/api/v1/executions/${id}`, key);
  await until(async () => (await get()).status === 200, 30_000);
  return (await get()).body;
}

describe('files back: a program that writes files gets them in the answer, counted on its record', () => {
  let service: TestApp;
  let key: string;

  beforeAll(async () => {
    service = await startTestApp({ MAX_OUTPUT_SIZE: String(OUTPUT_LIMIT) });
    key = (await service.createKey()).key;
  });

  afterAll(() => service?.close());

  const run = (route: (typeof RUN_ROUTES)[number], args: string[], outputFiles: string[], extra: Record<string, unknown> = {}) =>
    runThrough(route, service.url, key, { wasm: WRITE_FILES, wasmName: 'write-files.wasm', args, outputFiles, ...extra });

  it.each(RUN_ROUTES)('%s: paths, globs and nested paths come back; what passes the output limit is named in filesOmitted', async (route) => {
    const { status, body } = await run(route, ['100000'], ['out.txt', 'dist/**/*.js', 'big.bin', 'empty.txt', 'missing.txt']);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'success', stdout: 'wrote\n', filesOmitted: ['big.bin'] });
    expect(Object.keys(body.files)).toEqual(['dist/.hidden.js', 'dist/a.js', 'dist/sub/b.js', 'empty.txt', 'out.txt']);
    expect(decoded(body.files)).toEqual({ 'out.txt': 'out\n', 'empty.txt': '', ...Object.fromEntries(JS.map((path) => [path, SMALL[path]])) });
    const record = await recordOf(service, key, body.id);
    expect(record).toMatchObject({ outputFileCount: 5, outputFileBytes: bytesOf('out.txt', ...JS) });
    const listed = await call(service.url, 'GET', '/api/v1/executions?limit=5', key);
    expect(listed.body.items.find((item: { id: string }) => item.id === body.id)).toMatchObject({ outputFileCount: 5 });
  });

  it.each(RUN_ROUTES)('%s with wait: false: the queued run gets its files back, in its record', async (route) => {
    const queued = await run(route, ['10'], ['out.txt', 'dist/**/*.js', 'big.bin'], { wait: false });
    expect(queued.status).toBe(202);
    const record = await finalRecord(service.url, key, queued.body.id);
    expect(record).toMatchObject({ status: 'success', filesOmitted: [], outputFileCount: 5 });
    expect(Object.keys(record.files)).toEqual(['big.bin', 'dist/.hidden.js', 'dist/a.js', 'dist/sub/b.js', 'out.txt']);
    expect(decoded(record.files)['out.txt']).toBe('out\n');
  });

  it.each(RUN_ROUTES)('%s: a large file that fits comes back byte for byte, and links are not files', async (route) => {
    const big = OUTPUT_LIMIT - 4096;
    const { body } = await run(route, [String(big)], ['**']);
    expect(body.status).toBe('success');
    expect(Object.keys(body.files)).toEqual(['big.bin', 'dist/.hidden.js', 'dist/a.js', 'dist/style.css', 'dist/sub/b.js', 'empty.txt', 'out.txt']);
    expect(Buffer.from(body.files['big.bin'], 'base64').equals(bigFile(big))).toBe(true);
    expect(body.filesOmitted).toEqual([]);
    const record = await recordOf(service, key, body.id);
    expect(record).toMatchObject({ outputFileCount: 7, outputFileBytes: big + bytesOf('out.txt', 'dist/style.css', ...JS) });
  });

  it.each(RUN_ROUTES)('%s: after a non-zero exit, a trap and the output limit too; none after a timeout', async (route) => {
    const exited = await run(route, ['10', 'exit'], ['out.txt']);
    expect(exited.body).toMatchObject({ status: 'exit_error', exitCode: 3, files: { 'out.txt': Buffer.from('out\n').toString('base64') } });
    const trapped = await run(route, ['10', 'trap'], ['dist/*.css']);
    expect(trapped.body).toMatchObject({ status: 'trap', files: { 'dist/style.css': Buffer.from('body {}\n').toString('base64') }, filesOmitted: [] });
    const flooded = await run(route, ['10', 'flood'], ['*.txt']);
    expect(flooded.body).toMatchObject({ status: 'output_limit_exceeded', files: {}, filesOmitted: ['empty.txt', 'out.txt'] });
    const timedOut = await run(route, ['10', 'loop'], ['out.txt'], { timeoutMs: 500 });
    expect(timedOut.body).toMatchObject({ status: 'time_limit_exceeded', files: {}, filesOmitted: [] });
    expect(await recordOf(service, key, timedOut.body.id)).toMatchObject({ outputFileCount: 0, outputFileBytes: 0 });
  });

  it('answers how the guest ended when matching its files runs past the time limit (it said time_limit_exceeded)', async () => {
    // picomatch backtracks exponentially on this pattern against a long name: seconds for 30 characters.
    const costly = '@(a|a)*@(a|a)*@(a|a)*@(a|a)*@(a|a)*@(a|a)*@(a|a)*@(a|a)*b';
    const files = { ['a'.repeat(30)]: Buffer.from('hi').toString('base64') };
    const { body } = await runThrough('POST /api/v1/modules/:id/executions', service.url, key, { wasm: WRITE_FILES, wasmName: 'write-files.wasm', args: ['10'], outputFiles: [costly], files, timeoutMs: 1000 });
    expect(body).toMatchObject({ status: 'success', exitCode: 0, stdout: 'wrote\n', files: {}, filesOmitted: [] });
    expect(body.error).toBe('its files were not collected: matching `outputFiles` against them ran past the time limit of 1000 ms');
    expect(body.durationMs).toBeLessThan(1000);
  });

  it('answers empty files and filesOmitted when no outputFiles are asked for', async () => {
    const { body } = await run(RUN_ROUTES[0], ['10'], []);
    expect(body).toMatchObject({ status: 'success', files: {}, filesOmitted: [] });
  });

  it("counts the files' bytes in the usage's output", async () => {
    // An account of its own: no other run's record is still on its way into its usage.
    const own = (await service.createKey()).key;
    const { body } = await runThrough(RUN_ROUTES[0], service.url, own, { wasm: WRITE_FILES, args: ['1000'], outputFiles: ['big.bin'] });
    await recordOf(service, own, body.id);
    const usage = (await call(service.url, 'GET', '/api/v1/usage', own)).body;
    expect(usage.totals.outputBytes).toBe(1000 + Buffer.byteLength(body.stdout) + Buffer.byteLength(body.stderr));
  });
});

describe('files back on the embedded default (PGlite)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wasmwiz-files-'));
  let service: TestApp;
  let key: string;

  beforeAll(async () => {
    service = await startTestApp({ DATABASE_URL: '', DATA_DIR: dataDir, MAX_OUTPUT_SIZE: String(OUTPUT_LIMIT) });
    key = (await service.createKey()).key;
  });

  afterAll(async () => {
    await service?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(RUN_ROUTES)('%s: files come back and the record counts them', async (route) => {
    const { body } = await runThrough(route, service.url, key, { wasm: WRITE_FILES, args: ['100000'], outputFiles: ['dist/**', 'big.bin'] });
    expect(body).toMatchObject({ status: 'success', filesOmitted: ['big.bin'] });
    expect(decoded(body.files)).toEqual(Object.fromEntries(['dist/.hidden.js', 'dist/a.js', 'dist/style.css', 'dist/sub/b.js'].map((path) => [path, SMALL[path as keyof typeof SMALL]])));
    expect(await recordOf(service, key, body.id)).toMatchObject({ outputFileCount: 4, outputFileBytes: bytesOf('dist/style.css', ...JS) });
  });
});

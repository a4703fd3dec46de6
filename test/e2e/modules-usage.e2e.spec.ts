import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CompiledModuleCache } from '../../src/wasm-modules/compiled-module-cache.service';
import { encodeU32 } from '../../src/common/wasm-binary';
import { StoredModulesService } from '../../src/wasm-modules/stored-modules.service';
import { ExecutionRecord } from '../../src/schema/execution-record.entity';
import { padded } from '../support/wasm-modules';
import { ModuleBlobStore } from '../../src/wasm-modules/module-blob-store';
import { UsageRecorder } from '../../src/usage/usage-recorder.service';
import { RetentionService } from '../../src/usage/retention.service';
import { example, hostile } from '../support/fixtures';
import { postExecute, uploadModule } from '../support/http';
import { call, startTestApp, TestApp } from '../support/test-app';
import { apiFetch } from '../support/contract';

describe('stored modules, execution records and usage', () => {
  let service: TestApp;
  let key: string;
  let keyId: string;
  let other: string;
  const api = (method: string, path: string, body?: unknown, credential = key) => call(service.url, method, path, credential, body);
  /** Writes the records buffered behind the answers now, rather than at the recorder's next tick. */
  const flush = () => service.app.get(UsageRecorder).flush();

  beforeAll(async () => {
    service = await startTestApp({ EXECUTION_TIMEOUT: '1s' });
    ({ key, id: keyId } = await service.createKey('pro'));
    other = (await service.createKey('pro')).key;
  });
  afterAll(() => service.close());

  it('stores a module once per account and keeps accounts apart', async () => {
    const first = await uploadModule(service.url, key, example('echo'), 'echo', 'copies stdin');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ name: 'echo', description: 'copies stdin', sizeBytes: example('echo').length });
    expect(first.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(first.body.imports).toContain('wasi_snapshot_preview1.fd_read');
    expect(first.body.memory.min).toBeGreaterThan(0);
    const again = await uploadModule(service.url, key, example('echo'), 'echo');
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const theirs = await uploadModule(service.url, other, example('echo'), 'echo');
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(first.body.id);
    expect((await api('GET', `/api/v1/modules/${first.body.id}`, undefined, other)).status).toBe(404);
    expect((await api('POST', `/api/v1/modules/${first.body.id}/executions`, {}, other)).status).toBe(404);
  });

  it('checks a module at upload and caches its compiled code only once it runs', async () => {
    const cache = service.app.get(CompiledModuleCache);
    const before = cache.size;
    const { id } = (await uploadModule(service.url, key, padded(example('echo'), 1000), 'cached-on-use')).body;
    expect(cache.size).toBe(before);
    expect((await api('POST', `/api/v1/modules/${id}/executions`, { stdin: 'x' })).body.stdout).toBe('x');
    expect(cache.size).toBe(before + 1);
    expect((await api('POST', `/api/v1/modules/${id}/executions`, { stdin: 'y' })).body.stdout).toBe('y');
    expect(cache.size).toBe(before + 1);
  });

  it('refuses an invalid module at upload with a 422 and stores nothing', async () => {
    const bad = await uploadModule(service.url, key, hostile('unknown-import'), 'bad');
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('module_import_not_allowed');
    const list = await api('GET', '/api/v1/modules');
    expect(list.body.items.map((module: { name: string }) => module.name)).not.toContain('bad');
  });

  it('runs a stored module with text and binary stdin, args, env and files', async () => {
    const echo = (await uploadModule(service.url, key, example('echo'), 'echo')).body;
    const text = await api('POST', `/api/v1/modules/${echo.id}/executions`, { stdin: 'hello stored\n' });
    expect(text.status).toBe(200);
    expect(text.body).toMatchObject({ status: 'success', stdout: 'hello stored\n', moduleSha256: echo.sha256 });
    const binary = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7) % 256));
    const bin = await api('POST', `/api/v1/modules/${echo.id}/executions`, { stdinBase64: binary.toString('base64') });
    expect(bin.body.stdoutEncoding).toBe('base64');
    expect(Buffer.from(bin.body.stdout, 'base64').equals(binary)).toBe(true);
    const forced = await api('POST', `/api/v1/modules/${echo.id}/executions`, { stdin: 'abc', outputEncoding: 'base64' });
    expect(forced.body).toMatchObject({ stdout: Buffer.from('abc').toString('base64'), stdoutEncoding: 'base64' });

    const files = (await uploadModule(service.url, key, example('files'), 'files')).body;
    const withFiles = await api('POST', `/api/v1/modules/${files.id}/executions`, { files: { 'input.txt': Buffer.from('shout').toString('base64') } });
    expect(withFiles.body.status).toBe('success');
    expect(withFiles.body.stdout).toContain('SHOUT');
    expect(withFiles.body.stdout).toContain('written by wasm');

    const argsEnv = (await uploadModule(service.url, key, example('args-env'), 'args-env')).body;
    const run = await api('POST', `/api/v1/modules/${argsEnv.id}/executions`, { args: ['a'], env: { X: 'y' } });
    expect(run.body.stdout).toContain('argv[0]=args-env\nargv[1]=a\n');
    expect(run.body.stdout).toContain('env X=y');
  });

  describe.each(['postgres', 'embedded'])('on %s, a stored module run by an instance that never saw it', (database) => {
    it('runs from its bytes, read back exactly', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'wasmwiz-read-back-'));
      const env: Record<string, string> = database === 'postgres' ? { DATABASE_URL: service.databaseUrl } : { DATABASE_URL: '', DATA_DIR: dataDir };
      const wasm = padded(example('echo'), 2.5 * 1024 * 1024);
      try {
        // The embedded database takes one process at a time: the first instance stops before the second starts.
        const first = database === 'postgres' ? service : await startTestApp(env);
        const owner = await first.createKey('enterprise');
        const { id } = (await uploadModule(first.url, owner.key, wasm, 'padded-echo')).body;
        if (first !== service) await first.close();
        const second = await startTestApp(env);
        try {
          const run = await call(second.url, 'POST', `/api/v1/modules/${id}/executions`, owner.key, { stdin: 'read back' });
          expect(run.body).toMatchObject({ status: 'success', stdout: 'read back', moduleSha256: createHash('sha256').update(wasm).digest('hex') });
          // Stored compressed, in 1 MiB pieces: three here, the last one partial.
          const [stored] = await second.app.get(DataSource).query('SELECT count(*)::int AS pieces, sum(pg_column_size(bytes))::int AS size FROM module_blob_pieces WHERE sha256 = $1', [run.body.moduleSha256]);
          expect(stored).toMatchObject({ pieces: 3 });
          expect(stored.size).toBeLessThan(wasm.length / 2);
          expect((await second.app.get(ModuleBlobStore).read(run.body.moduleSha256))!.equals(wasm)).toBe(true);
        } finally {
          await second.close();
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
      // Two embedded databases start one after the other (each its own PGlite, migrated): on a
      // loaded machine that alone can take most of a minute, and it is not what is tested here.
    }, 240_000);
  });

  it("refuses stdin and files over the tier's input limit with a 413 naming it", async () => {
    const free = await service.createKey('free');
    const echo = (await uploadModule(service.url, free.key, example('echo'), 'echo')).body;
    const limit = 65536;
    const response = await api('POST', `/api/v1/modules/${echo.id}/executions`, { stdin: 'x'.repeat(limit - 10), files: { 'a.txt': Buffer.alloc(20).toString('base64') } }, free.key);
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'input_too_large', limitBytes: limit });
    const tooBig = await uploadModule(service.url, free.key, Buffer.concat([example('echo'), Buffer.alloc(1024 * 1024)]), 'big');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({ code: 'module_too_large', limitBytes: 1024 * 1024 });
  });

  it.each([
    [{ args: 'nope' }, 'args'],
    [{ args: [1] }, 'args'],
    [{ stdin: 5 }, 'stdin'],
    [{ stdinBase64: '***' }, 'stdinBase64'],
    [{ outputEncoding: 'hex' }, 'outputEncoding'],
    [{ env: { A: 1 } }, 'env'],
    [{ files: { '../escape': 'AAAA' } }, 'files'],
    [{ timeoutMs: 999_999 }, 'timeoutMs'],
    [{ surprise: true }, 'surprise'],
  ])('answers a bad body %j with a 400 naming the field', async (body, field) => {
    const echo = (await uploadModule(service.url, key, example('echo'), 'echo')).body;
    const response = await api('POST', `/api/v1/modules/${echo.id}/executions`, body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.detail).toContain(field);
  });

  it('records every execution and reports usage', async () => {
    const fresh = await service.createKey('pro');
    const exit = (await uploadModule(service.url, fresh.key, example('exit-code'), 'exit-code')).body;
    const hello = (await uploadModule(service.url, fresh.key, example('hello'), 'hello')).body;
    const foreign = await postExecute(service.url, key, { wasm: example('hello') });
    const runs = [
      await api('POST', `/api/v1/modules/${hello.id}/executions`, {}, fresh.key),
      await api('POST', `/api/v1/modules/${hello.id}/executions`, { stdin: 'x' }, fresh.key),
      await api('POST', `/api/v1/modules/${exit.id}/executions`, { args: ['4'] }, fresh.key),
    ];
    expect(runs.map((run) => run.body.status)).toEqual(['success', 'success', 'exit_error']);
    await flush();

    const list = await api('GET', '/api/v1/executions', undefined, fresh.key);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(3);
    expect(list.body.items[0]).toMatchObject({ id: runs[2].body.id, status: 'exit_error', exitCode: 4, moduleId: exit.id, keyId: fresh.id });
    expect(list.body.items[1].inputBytes).toBe(1);
    const one = await api('GET', `/api/v1/executions/${runs[0].body.id}`, undefined, fresh.key);
    expect(one.body).toMatchObject({ status: 'success', moduleSha256: hello.sha256, stdoutBytes: 16 });
    // A synchronous run has its times too (they were null but for async runs): it started its duration before it ended.
    const [startedAt, finishedAt] = [Date.parse(one.body.startedAt), Date.parse(one.body.finishedAt)];
    expect(finishedAt - startedAt).toBeCloseTo(one.body.durationMs, -1);
    expect(finishedAt).toBeGreaterThanOrEqual(startedAt);
    expect((await api('GET', `/api/v1/executions/${runs[0].body.id}`)).status).toBe(404);

    const page = await api('GET', '/api/v1/executions?limit=2', undefined, fresh.key);
    expect(page.body.items).toHaveLength(2);
    const rest = await api('GET', `/api/v1/executions?limit=2&cursor=${page.body.nextCursor}`, undefined, fresh.key);
    expect(rest.body.items.map((item: { id: string }) => item.id)).toEqual([runs[0].body.id]);
    expect(rest.body.nextCursor).toBeNull();
    // A forged cursor naming another account's (older) execution with any other time learns nothing of it.
    const forged = Buffer.from(`9999-12-31T00:00:00.000Z|${foreign.body.id}`).toString('base64url');
    expect((await api('GET', `/api/v1/executions?cursor=${forged}`, undefined, fresh.key)).body.items).toHaveLength(3);
    const filtered = await api('GET', '/api/v1/executions?status=exit_error', undefined, fresh.key);
    expect(filtered.body.items).toHaveLength(1);

    const usage = await api('GET', '/api/v1/usage', undefined, fresh.key);
    expect(usage.status).toBe(200);
    expect(usage.body.totals).toMatchObject({ executions: 3, byStatus: { success: 2, exit_error: 1 }, inputBytes: 1 });
    expect(usage.body.totals.durationMs.p50).toBeGreaterThan(0);
    expect(usage.body.series).toHaveLength(1);
    expect(usage.body.series[0].byStatus).toEqual({ success: 2, exit_error: 1 });
    const perKey = await api('GET', `/api/v1/usage?groupBy=key&bucket=day&keyId=${fresh.id}`, undefined, fresh.key);
    expect(perKey.body.byKey).toEqual([expect.objectContaining({ keyId: fresh.id, executions: 3 })]);
    expect((await api('GET', '/api/v1/usage?from=2030-01-01&to=2020-01-01', undefined, fresh.key)).status).toBe(400);

    const admin = await service.admin('GET', '/api/v1/admin/usage');
    expect(admin.status).toBe(200);
    expect(admin.body.topAccounts.map((row: { accountId: string }) => row.accountId)).toContain(fresh.accountId);

    const metrics = await (await apiFetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/wasmwiz_executions_total\{status="success",tier="pro"\} \d+/);
    expect(metrics).toMatch(/wasmwiz_executions_total\{status="exit_error",tier="pro"\} \d+/);
    expect(metrics).toContain('wasmwiz_execution_duration_seconds_bucket');
    expect(metrics).toContain('wasmwiz_pool_queue_length');
    expect(metrics).toContain('wasmwiz_usage_writer_backlog');
  });

  it('records a refused module as invalid_module', async () => {
    const fresh = await service.createKey('pro');
    const form = new FormData();
    form.append('wasm', new Blob([new Uint8Array(hostile('not-wasm'))]), 'x.wasm');
    const response = await apiFetch(`${service.url}/api/v1/execute`, { method: 'POST', body: form, headers: { authorization: `Bearer ${fresh.key}` } });
    expect(response.status).toBe(422);
    await flush();
    const list = await api('GET', '/api/v1/executions', undefined, fresh.key);
    expect(list.body.items).toEqual([expect.objectContaining({ status: 'invalid_module', error: expect.stringContaining('not a WebAssembly module') })]);
  });

  it('deletes a module', async () => {
    const module = (await uploadModule(service.url, key, example('fibonacci'), 'fib')).body;
    expect((await api('DELETE', `/api/v1/modules/${module.id}`)).status).toBe(204);
    expect((await api('GET', `/api/v1/modules/${module.id}`)).status).toBe(404);
    expect((await api('DELETE', `/api/v1/modules/${module.id}`)).status).toBe(404);
    const again = await uploadModule(service.url, key, example('fibonacci'), 'fib');
    expect(again.status).toBe(201);
  });

  it('pages through modules with a cursor', async () => {
    const fresh = await service.createKey('pro');
    for (const name of ['hello', 'echo', 'sha256']) await uploadModule(service.url, fresh.key, example(name), name);
    const first = await api('GET', '/api/v1/modules?limit=2', undefined, fresh.key);
    expect(first.body.items.map((m: { name: string }) => m.name)).toEqual(['sha256', 'echo']);
    const second = await api('GET', `/api/v1/modules?limit=2&cursor=${first.body.nextCursor}`, undefined, fresh.key);
    expect(second.body.items.map((m: { name: string }) => m.name)).toEqual(['hello']);
    expect((await api('GET', '/api/v1/modules?cursor=garbage', undefined, fresh.key)).status).toBe(400);
  });

  it('answers usage over whole past hours from the rollups, matching the rows', async () => {
    const fresh = await service.createKey('pro');
    const recorder = service.app.get(UsageRecorder);
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
    const row = (status: string, durationMs: number, createdAt: Date) =>
      Object.assign(new ExecutionRecord(), {
        id: randomUUID(), accountId: fresh.accountId, keyId: fresh.id, moduleSha256: null, moduleId: null, status, exitCode: 0,
        durationMs, queueMs: 0, memoryPeakBytes: 0, inputBytes: 10, stdoutBytes: 5, stderrBytes: 1, outputFileCount: 0, outputFileBytes: 0, error: null, clock: 'real', randomSeed: null, createdAt,
      });
    for (let i = 0; i < 40; i++) recorder.record(row(i % 4 === 0 ? 'trap' : 'success', i + 1, hoursAgo(3 + (i % 3))));
    recorder.record(row('success', 7, hoursAgo(0.01)));
    await recorder.flush();
    const usage = await api('GET', `/api/v1/usage?from=${hoursAgo(10).toISOString()}`, undefined, fresh.key);
    expect(usage.body.totals).toMatchObject({ executions: 41, byStatus: { success: 31, trap: 10 }, inputBytes: 410, outputBytes: 246 });
    expect(usage.body.totals.durationMs.p50).toBeGreaterThan(19 * 0.97);
    expect(usage.body.totals.durationMs.p50).toBeLessThan(21 * 1.03);
    expect(usage.body.series.reduce((sum: number, point: { executions: number }) => sum + point.executions, 0)).toBe(41);
    const [{ count }] = await service.app.get(DataSource).query('SELECT sum(count)::int AS count FROM usage_rollups WHERE account_id = $1', [fresh.accountId]);
    expect(count).toBe(41);
  });

  it('deletes execution rows past the retention period in the background', async () => {
    const fresh = await service.createKey('pro');
    const dataSource = service.app.get(DataSource);
    await dataSource.query(
      `INSERT INTO executions (id, account_id, status, created_at)
         SELECT gen_random_uuid(), $1, 'success', now() - interval '40 days' FROM generate_series(1, 12000)`,
      [fresh.accountId],
    );
    await dataSource.query(`INSERT INTO executions (id, account_id, status) VALUES (gen_random_uuid(), $1, 'success')`, [fresh.accountId]);
    const deleted = await service.app.get(RetentionService).sweep();
    expect(deleted).toBeGreaterThanOrEqual(12000);
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM executions WHERE account_id = $1', [fresh.accountId]);
    expect(count).toBe(1);
  });

  it('keeps keyId usage for the key holder', async () => {
    const usage = await api('GET', `/api/v1/usage?keyId=${keyId}`);
    expect(usage.status).toBe(200);
  });
});

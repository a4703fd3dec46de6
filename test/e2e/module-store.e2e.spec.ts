import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ModuleBlobStore } from '../../src/wasm-modules/module-blob-store';
import { example } from '../support/fixtures';
import { uploadModule } from '../support/http';
import { call, startTestApp, TestApp } from '../support/test-app';
import { padded } from '../support/wasm-modules';

const MiB = 1024 * 1024;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function blobRows(service: TestApp, sha: string): Promise<{ blobs: number; pieces: number }> {
  const [row] = await service.app
    .get(DataSource)
    .query('SELECT (SELECT count(*)::int FROM module_blobs WHERE sha256 = $1) AS blobs, (SELECT count(*)::int FROM module_blob_pieces WHERE sha256 = $1) AS pieces', [sha]);
  return row;
}

describe('a 30 MB module on the embedded default', () => {
  let service: TestApp;
  let dataDir: string;
  let key: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wasmwiz-big-module-'));
    service = await startTestApp({ DATABASE_URL: '', DATA_DIR: dataDir });
    key = (await service.createKey('enterprise')).key;
  });
  afterAll(async () => {
    await service?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Calls `request` one after another until `done` settles: every status it answered. */
  async function pollWhile(done: Promise<unknown>, request: () => Promise<{ status: number }>): Promise<number[]> {
    let settled = false;
    void done.finally(() => (settled = true)).catch(() => undefined);
    const statuses: number[] = [];
    while (!settled) statuses.push((await request()).status);
    return statuses;
  }

  it('stores it while every other request is answered, stores an unchanged re-upload without its bytes, and runs it', async () => {
    const echo = (await uploadModule(service.url, key, example('echo'), 'small-echo')).body;
    const big = padded(example('echo'), 30 * MiB, 30 * MiB);
    const store = uploadModule(service.url, key, big, 'big-echo');
    const [me, runs] = await Promise.all([
      pollWhile(store, () => call(service.url, 'GET', '/api/v1/me', key)),
      pollWhile(store, () => call(service.url, 'POST', `/api/v1/modules/small-echo/executions`, key, { stdin: 'meanwhile' })),
    ]);
    const stored = await store;
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ name: 'big-echo', version: 1, sha256: sha256(big), sizeBytes: big.length });
    expect(me.length).toBeGreaterThan(0);
    expect(me.every((status) => status === 200)).toBe(true);
    expect(runs.every((status) => status === 200)).toBe(true);
    expect(await blobRows(service, stored.body.sha256)).toEqual({ blobs: 1, pieces: 31 });

    const blobs = service.app.get(ModuleBlobStore);
    const written = blobs.bytesWritten;
    const again = await uploadModule(service.url, key, big, 'big-echo');
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(stored.body.id);
    const renamed = await uploadModule(service.url, key, big, 'big-echo-renamed');
    expect(renamed.status).toBe(201);
    expect(blobs.bytesWritten).toBe(written);
    expect(await blobRows(service, stored.body.sha256)).toEqual({ blobs: 1, pieces: 31 });

    const run = await call(service.url, 'POST', `/api/v1/modules/${stored.body.id}/executions`, key, { stdin: 'from 30 MB' });
    expect(run.body).toMatchObject({ status: 'success', stdout: 'from 30 MB', moduleSha256: stored.body.sha256 });
    expect(echo.name).toBe('small-echo');
  }, 600_000);
});

describe('modules by name and version', () => {
  let service: TestApp;
  let key: string;
  const api = (method: string, path: string, body?: unknown, credential = key) => call(service.url, method, path, credential, body);
  const echo = example('echo');
  const hello = example('hello');

  beforeAll(async () => {
    service = await startTestApp();
    key = (await service.createKey('pro')).key;
  });
  afterAll(() => service.close());

  it('makes a new version for new bytes under a name, runs the latest by name and any by name@version, and lists them', async () => {
    const first = await uploadModule(service.url, key, echo, 'tool');
    expect(first).toMatchObject({ status: 201, body: { name: 'tool', version: 1, sha256: sha256(echo) } });
    const second = await uploadModule(service.url, key, hello, 'tool');
    expect(second).toMatchObject({ status: 201, body: { name: 'tool', version: 2, sha256: sha256(hello) } });
    const same = await uploadModule(service.url, key, hello, 'tool');
    expect(same).toMatchObject({ status: 200, body: { id: second.body.id, version: 2 } });

    const latest = await api('POST', '/api/v1/modules/tool/executions', { stdin: 'x' });
    expect(latest.body).toMatchObject({ status: 'success', moduleSha256: sha256(hello) });
    const pinned = await api('POST', '/api/v1/modules/tool@1/executions', { stdin: 'pinned' });
    expect(pinned.body).toMatchObject({ status: 'success', stdout: 'pinned', moduleSha256: sha256(echo) });
    expect((await api('GET', '/api/v1/modules/tool')).body).toMatchObject({ id: second.body.id, version: 2 });
    expect((await api('GET', '/api/v1/modules/tool@1')).body).toMatchObject({ id: first.body.id, version: 1 });

    const versions = await api('GET', '/api/v1/modules/tool/versions');
    expect(versions.status).toBe(200);
    expect(versions.body).toEqual({ items: [expect.objectContaining({ version: 2 }), expect.objectContaining({ version: 1 })], nextCursor: null });
    const page = await api('GET', '/api/v1/modules/tool/versions?limit=1');
    expect(page.body.items.map((module: { version: number }) => module.version)).toEqual([2]);
    const next = await api('GET', `/api/v1/modules/tool/versions?limit=1&cursor=${page.body.nextCursor}`);
    expect(next.body).toEqual({ items: [expect.objectContaining({ version: 1 })], nextCursor: null });
    expect((await api('GET', `/api/v1/modules/${first.body.id}/versions`)).body.items).toHaveLength(2);
  });

  it('keeps one copy of the same bytes under two names, and drops it with the last module', async () => {
    const bytes = padded(echo, 2 * MiB);
    const a = (await uploadModule(service.url, key, bytes, 'shared-a')).body;
    const b = await uploadModule(service.url, key, bytes, 'shared-b');
    expect(b).toMatchObject({ status: 201, body: { name: 'shared-b', version: 1, sha256: a.sha256 } });
    expect(b.body.id).not.toBe(a.id);
    expect(await blobRows(service, a.sha256)).toEqual({ blobs: 1, pieces: 3 });
    expect((await api('POST', '/api/v1/modules/shared-b/executions', { stdin: 'b' })).body.stdout).toBe('b');

    expect((await api('DELETE', '/api/v1/modules/shared-a@1')).status).toBe(204);
    expect(await blobRows(service, a.sha256)).toEqual({ blobs: 1, pieces: 3 });
    expect((await api('DELETE', '/api/v1/modules/shared-b')).status).toBe(204);
    expect(await blobRows(service, a.sha256)).toEqual({ blobs: 0, pieces: 0 });
    expect((await api('POST', '/api/v1/modules/shared-b/executions', {})).body.code).toBe('unknown_module_name');
  });

  it("holds an account's stored modules to its tier's maxStoredModuleBytes, every version counted, even for uploads at once", async () => {
    const room = echo.length + hello.length;
    expect((await service.admin('PATCH', '/api/v1/admin/tiers/basic', { maxStoredModuleBytes: room })).status).toBe(200);
    const small = (await service.createKey('basic')).key;
    expect((await uploadModule(service.url, small, echo, 'room-a')).status).toBe(201);
    expect((await uploadModule(service.url, small, hello, 'room-a')).status).toBe(201);
    expect((await uploadModule(service.url, small, hello, 'room-a')).status).toBe(200);
    const fibonacci = example('fibonacci');
    const full = await uploadModule(service.url, small, fibonacci, 'room-b');
    expect(full.status).toBe(409);
    expect(full.body).toMatchObject({ code: 'stored_modules_full', limit: 'maxStoredModuleBytes', limitBytes: room, usedBytes: room, moduleBytes: fibonacci.length, tier: 'basic' });
    expect(full.body.detail).toBe(
      `The account's stored modules take ${room} bytes; with this module's ${fibonacci.length} they would pass the basic tier's maxStoredModuleBytes of ${room}: delete modules or versions (DELETE /api/v1/modules/{id}) first`,
    );

    expect((await call(service.url, 'DELETE', '/api/v1/modules/room-a', small)).status).toBe(204);
    // Each fits alone, not both.
    const [one, other] = [fibonacci, padded(echo, 12_000)];
    expect((await service.admin('PATCH', '/api/v1/admin/tiers/basic', { maxStoredModuleBytes: 60_000 })).status).toBe(200);
    const racing = await Promise.all([uploadModule(service.url, small, one, 'race-one'), uploadModule(service.url, small, other, 'race-other')]);
    expect(racing.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const refused = racing[0].status === 409 ? one : other;
    expect(await blobRows(service, sha256(refused))).toEqual({ blobs: 0, pieces: 0 });
  });

  it('names an unknown name or version in a 404, and refuses names that break the rules', async () => {
    await uploadModule(service.url, key, echo, 'known');
    const name = await api('POST', '/api/v1/modules/nothing-here/executions', { stdin: '' });
    expect(name).toMatchObject({ status: 404, body: { code: 'unknown_module_name', name: 'nothing-here' } });
    expect(name.body.detail).toContain('"nothing-here"');
    const version = await api('POST', '/api/v1/modules/known@7/executions', { stdin: '' });
    expect(version).toMatchObject({ status: 404, body: { code: 'unknown_module_version', name: 'known', version: 7, latestVersion: 1 } });
    expect((await api('GET', '/api/v1/modules/nothing-here/versions')).body.code).toBe('unknown_module_name');
    expect((await api('GET', '/api/v1/modules/known@0')).body).toMatchObject({ status: 404, code: 'unknown_module_version', version: 0, latestVersion: 1 });
    expect((await api('GET', '/api/v1/modules/known@x')).body.code).toBe('not_found');
    // Other accounts' names are not visible.
    const other = (await service.createKey('pro')).key;
    expect((await api('POST', '/api/v1/modules/known/executions', {}, other)).body.code).toBe('unknown_module_name');

    for (const bad of ['a@b', 'with space', '-dash-first', '0b6c8f4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f', 'x'.repeat(129)]) {
      const refused = await uploadModule(service.url, key, echo, bad);
      expect(refused).toMatchObject({ status: 400, body: { code: 'invalid_name', field: 'name' } });
    }
  });
});

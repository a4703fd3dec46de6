import { UsageRecorder } from '../../src/usage/usage-recorder.service';
import { example } from '../support/fixtures';
import { postExecute } from '../support/http';
import type { TcpProxy } from '../support/tcp-proxy';
import { ProxiedTestApp, startTestAppBehindProxy } from '../support/proxied-test-app';
import type { TestApp } from '../support/test-app';
import { executionIds } from '../support/test-database';
import { until } from '../support/until';
import { apiFetch } from '../support/contract';

describe('execution records while PostgreSQL is away', () => {
  let proxied: ProxiedTestApp;
  let proxy: TcpProxy;
  let service: TestApp;

  beforeAll(async () => {
    // Redis is up, as in production: only PostgreSQL is away.
    proxied = await startTestAppBehindProxy({ REDIS_URL: 'redis://127.0.0.1:6379' });
    ({ proxy, service } = proxied);
  });
  afterAll(() => proxied.close());

  it('keeps every record, refuses new executions with a 503 once the backlog is full, and writes them all when it is back', async () => {
    const { key, accountId } = await service.createKey('enterprise');
    const recorder = service.app.get(UsageRecorder);
    recorder.maxBufferedRows = 3;
    expect((await postExecute(service.url, key, { wasm: example('hello') })).status).toBe(200);
    await recorder.flush();
    expect(recorder.pending).toBe(0);

    proxy.cut();
    const during = [];
    for (let i = 0; i < 3; i++) during.push(await postExecute(service.url, key, { wasm: example('hello') }));
    expect(during.map((response) => response.status)).toEqual([200, 200, 200]);
    await recorder.flush();
    expect(recorder.pending).toBe(3);

    const refused = await postExecute(service.url, key, { wasm: example('hello') });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(refused.body).toMatchObject({ code: 'recording_unavailable', backlog: 3, limit: 3 });
    expect(refused.body.detail).toContain('the limit is 3');
    const ready = await apiFetch(`${service.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect((await ready.json()).checks.recorder).toEqual({ status: 'down', backlog: 3, journal: 'up' });
    const metrics = await (await apiFetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/wasmwiz_executions_refused_unrecordable_total 1/);

    proxy.restore();
    await until(() => recorder.pending === 0, 10_000);
    expect((await postExecute(service.url, key, { wasm: example('hello') })).status).toBe(200);
    await recorder.flush();
    // The first run, the three kept through the outage and the one after it: the refused one never ran.
    expect(await executionIds(proxied.databaseUrl, accountId)).toHaveLength(5);
  }, 30_000);
});

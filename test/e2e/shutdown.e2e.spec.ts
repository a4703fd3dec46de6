import { get as httpGet } from 'node:http';
import { connect } from 'node:net';
import { Client } from 'pg';
import { example, hostile } from '../support/fixtures';
import { postExecute } from '../support/http';
import {
  killProcessGroup,
  runScriptExpectingExit,
  runServiceExpectingExit,
  ServiceProcess,
  startNpmStart,
  startServiceProcess,
} from '../support/service-process';
import { call } from '../support/test-app';
import { createTestDatabase, executionIds } from '../support/test-database';
import { until } from '../support/until';
import { apiFetch } from '../support/contract';

const ADMIN_TOKEN = 'shutdown-test-admin-token';
/** Far below the 60 s a stuck connection used to hold the stop for; a clean stop takes milliseconds. */
const STOP_WITHIN_MS = 10_000;

/** SIGTERM, then the exit code, or 'still running' if the process has not exited in time. */
async function stopsOnSigterm(service: ServiceProcess): Promise<number | null | 'still running'> {
  service.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), STOP_WITHIN_MS)));
  const outcome = await Promise.race([service.exited, late]);
  clearTimeout(timer);
  return outcome;
}

/** Resolves once `count` runs are on the pool's threads. */
function untilRunning(url: string, count: number): Promise<void> {
  return until(async () => (await (await apiFetch(`${url}/health/ready`)).json()).checks.pool.running >= count, STOP_WITHIN_MS);
}

/** Whether a new connection to `port` is taken. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true))).once('error', () => resolve(false));
  });
}

/** A whole request on a connection of its own, closed after the answer. */
function answeredOnNewConnection(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    httpGet({ host: '127.0.0.1', port, path: '/health/live', agent: false }, (response) => response.resume().once('end', resolve)).once('error', reject);
  });
}

describe('the service process', () => {
  it('on SIGTERM turns unready, delivers the in-flight execution, flushes its record and exits 0', async () => {
    const database = await createTestDatabase();
    try {
      const service = await startServiceProcess({
        NODE_ENV: 'production',
        DATABASE_URL: database.url,
        API_SALT: 'a-long-random-salt-9f8e7d6c5b4a',
        ADMIN_TOKEN,
        EXECUTION_TIMEOUT: '1500ms',
        // Unready and still serving for this long after SIGTERM: room for the check below on a loaded machine.
        SHUTDOWN_DELAY: '2s',
      });
      const account = await call(service.url, 'POST', '/api/v1/admin/accounts', ADMIN_TOKEN, { name: 'shutdown', tier: 'pro' });
      const key = (await call(service.url, 'POST', `/api/v1/admin/accounts/${account.body.id}/keys`, ADMIN_TOKEN, {})).body.key;

      const inFlight = postExecute(service.url, key, { wasm: hostile('busy-loop') });
      await untilRunning(service.url, 1);
      service.child.kill('SIGTERM');
      let report: { checks: { shutdown: { status: string } } } | undefined;
      await until(async () => {
        const ready = await apiFetch(`${service.url}/health/ready`);
        report = await ready.json();
        return ready.status === 503;
      }, STOP_WITHIN_MS);
      expect(report!.checks.shutdown.status).toBe('down');

      const result = await inFlight;
      expect(result.status).toBe(200);
      expect(result.body.status).toBe('time_limit_exceeded');
      expect(await service.exited).toBe(0);

      const client = new Client({ connectionString: database.url });
      await client.connect();
      const rows = await client.query('SELECT status FROM executions WHERE id = $1', [result.body.id]);
      await client.end();
      expect(rows.rows).toEqual([{ status: 'time_limit_exceeded' }]);
    } finally {
      await database.drop();
    }
  });

  it('on Ctrl-C to the process group of npm start (the terminal\'s SIGINT and npm\'s copy of it) answers every in-flight run and records every execution', async () => {
    const database = await createTestDatabase();
    const service = await startNpmStart({
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      API_SALT: 'a-long-random-salt-9f8e7d6c5b4a',
      ADMIN_TOKEN,
      EXECUTION_TIMEOUT: '1500ms',
      WORKER_THREADS: '4',
    });
    try {
      const account = await call(service.url, 'POST', '/api/v1/admin/accounts', ADMIN_TOKEN, { name: 'ctrl-c', tier: 'pro' });
      const key = (await call(service.url, 'POST', `/api/v1/admin/accounts/${account.body.id}/keys`, ADMIN_TOKEN, {})).body.key as string;
      // Answered just before the signal: their records may still be buffered (written once a second).
      const finished = [await postExecute(service.url, key, { wasm: example('hello') }), await postExecute(service.url, key, { wasm: example('hello') })];
      const inFlight = [0, 1, 2].map(() => postExecute(service.url, key, { wasm: hostile('busy-loop') }));
      await untilRunning(service.url, inFlight.length);

      process.kill(-service.child.pid!, 'SIGINT');

      const answers = await Promise.all(inFlight);
      expect(answers.map((answer) => [answer.status, answer.body.status])).toEqual(inFlight.map(() => [200, 'time_limit_exceeded']));
      expect(await service.exited).toBe(0);
      const ids = [...finished, ...answers].map((answer) => answer.body.id as string).sort();
      expect(await executionIds(database.url, account.body.id)).toEqual(ids);
    } finally {
      killProcessGroup(service.child);
      await database.drop();
    }
  });

  it('logs each request at info with its id, method, url and status, and never a key or a header', async () => {
    const database = await createTestDatabase();
    try {
      const service = await startServiceProcess({ DATABASE_URL: database.url, API_SALT: 'a-long-random-salt-9f8e7d6c5b4a', ADMIN_TOKEN, LOG_LEVEL: 'info' });
      const account = await call(service.url, 'POST', '/api/v1/admin/accounts', ADMIN_TOKEN, { name: 'logged', tier: 'pro' });
      const key = (await call(service.url, 'POST', `/api/v1/admin/accounts/${account.body.id}/keys`, ADMIN_TOKEN, {})).body.key as string;
      expect((await apiFetch(`${service.url}/api/v1/me`, { headers: { 'x-api-key': key } })).status).toBe(200);
      const wrongKey = `${key.slice(0, -8)}AAAAAAAA`;
      expect((await apiFetch(`${service.url}/api/v1/me`, { headers: { authorization: `Bearer ${wrongKey}` } })).status).toBe(401);
      service.child.kill('SIGTERM');
      await service.exited;

      const completed = service
        .output()
        .split('\n')
        .filter((line) => line.includes('"/api/v1/me"'))
        .map((line) => JSON.parse(line) as { req: Record<string, unknown>; res: { statusCode: number } });
      expect(completed.map((line) => line.res.statusCode)).toEqual([200, 401]);
      for (const line of completed) expect(Object.keys(line.req).sort()).toEqual(['id', 'method', 'remoteAddress', 'url']);
      const output = service.output();
      for (const secret of [key, key.slice(8), wrongKey, ADMIN_TOKEN]) expect(output).not.toContain(secret);
      expect(output.toLowerCase()).not.toContain('authorization');
    } finally {
      await database.drop();
    }
  });

  it('logs a request whose client hung up before the answer, and still stops at once on SIGTERM', async () => {
    const database = await createTestDatabase();
    const service = await startServiceProcess({ DATABASE_URL: database.url, API_SALT: 'a-long-random-salt-9f8e7d6c5b4a', ADMIN_TOKEN, LOG_LEVEL: 'info' });
    try {
      // One execution at a time: the upload holds the account's only concurrency lease.
      expect((await call(service.url, 'PATCH', '/api/v1/admin/tiers/basic', ADMIN_TOKEN, { maxConcurrency: 1 })).status).toBe(200);
      const account = await call(service.url, 'POST', '/api/v1/admin/accounts', ADMIN_TOKEN, { name: 'hangs up', tier: 'basic' });
      const key = (await call(service.url, 'POST', `/api/v1/admin/accounts/${account.body.id}/keys`, ADMIN_TOKEN, {})).body.key as string;
      // An upload the client gives up on halfway: never answered. The client's connection pool
      // then holds a fresh connection that has sent nothing.
      const hangUp = new AbortController();
      const body = new ReadableStream({ start: (controller) => controller.enqueue(new Uint8Array(1024)) });
      const init = { method: 'POST', body, duplex: 'half', signal: hangUp.signal, headers: { authorization: `Bearer ${key}`, 'content-type': 'multipart/form-data; boundary=x' } };
      const upload = apiFetch(`${service.url}/api/v1/execute`, init as RequestInit).catch(() => undefined);
      const inFlight = async () => (await call(service.url, 'GET', '/api/v1/me', key)).body.quota.concurrency.inFlight;
      await until(async () => (await inFlight()) === 1, STOP_WITHIN_MS); // the upload has its lease: the service is reading it
      hangUp.abort();
      await upload;
      const lines = () => service.output().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { level: number; msg: string; req?: { url: string } });
      const aborted = () => lines().filter((line) => line.msg === 'request aborted');
      await until(() => aborted().length > 0, STOP_WITHIN_MS);
      expect(aborted().map((line) => line.req!.url)).toEqual(['/api/v1/execute']);
      // Hanging up gives the lease back once the request is over (it used to stay taken until it lapsed).
      const me = await call(service.url, 'GET', '/api/v1/me', key);
      expect(me.body.quota.concurrency).toEqual({ limit: 1, inFlight: 0 });
      expect(await stopsOnSigterm(service)).toBe(0);
      // The client's hang-up is no failure of the service: no error line for it.
      expect(lines().filter((line) => line.level >= 50)).toEqual([]);
    } finally {
      service.child.kill('SIGKILL');
      await database.drop();
    }
  });

  it('stops at once on SIGTERM while a client holds a connection that has sent no request', async () => {
    const database = await createTestDatabase();
    const service = await startServiceProcess({ DATABASE_URL: database.url, API_SALT: 'a-long-random-salt-9f8e7d6c5b4a', ADMIN_TOKEN });
    const silent = connect(Number(new URL(service.url).port), '127.0.0.1');
    try {
      await new Promise((resolve, reject) => silent.once('connect', resolve).once('error', reject));
      const closedByServer = new Promise((resolve) => silent.once('close', resolve));
      silent.on('error', () => undefined);
      // Node's server.close() counts such a connection as busy until its 60 s headers timeout.
      expect(await stopsOnSigterm(service)).toBe(0);
      await closedByServer;
    } finally {
      silent.destroy();
      service.child.kill('SIGKILL');
      await database.drop();
    }
  });

  it('on SIGTERM answers a request that was arriving with a 503, and closes one that stalls half-sent', async () => {
    const database = await createTestDatabase();
    const service = await startServiceProcess({ DATABASE_URL: database.url, API_SALT: 'a-long-random-salt-9f8e7d6c5b4a', ADMIN_TOKEN });
    const port = Number(new URL(service.url).port);
    const connection = async () => {
      const socket = connect(port, '127.0.0.1');
      await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
      let received = '';
      socket.on('data', (chunk) => (received += chunk));
      socket.on('error', () => undefined);
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.write('GET /health/live HTTP/1.1\r\nHost: wasmwiz\r\n');
      return { socket, closed, received: () => received };
    };
    const [finishing, stalling] = [await connection(), await connection()];
    try {
      // Connections are taken in the order they came: once a later one is answered, the service has both.
      await answeredOnNewConnection(port);
      const exit = stopsOnSigterm(service);
      await until(async () => !(await accepts(port)), STOP_WITHIN_MS); // it is stopping: no new connection
      finishing.socket.write('\r\n');
      await Promise.all([finishing.closed, stalling.closed]);
      expect(finishing.received()).toMatch(/^HTTP\/1\.1 503 /);
      expect(stalling.received()).toBe('');
      expect(await exit).toBe(0);
    } finally {
      finishing.socket.destroy();
      stalling.socket.destroy();
      service.child.kill('SIGKILL');
      await database.drop();
    }
  });

  it('migrates a database from npm run migrate, and finds nothing to do the second time', async () => {
    const database = await createTestDatabase();
    try {
      const first = await runScriptExpectingExit('dist/src/database/migrate.js', { DATABASE_URL: database.url });
      expect(first.code).toBe(0);
      expect(first.output).toContain('applied: AccountsKeysTiers');
      const second = await runScriptExpectingExit('dist/src/database/migrate.js', { DATABASE_URL: database.url });
      expect(second.output).toContain('the schema is up to date');
    } finally {
      await database.drop();
    }
  });

  it('refuses to start in production without its secrets, with one clear line each', async () => {
    const { code, output } = await runServiceExpectingExit({ NODE_ENV: 'production', API_SALT: 'short', DATABASE_URL: 'mysql://x@y/z' });
    expect(code).toBe(1);
    expect(output).toContain('API_SALT is too weak');
    expect(output).toContain('ADMIN_TOKEN is required in production');
    expect(output).toContain('DATABASE_URL must be a PostgreSQL URL');
    const missing = await runServiceExpectingExit({ NODE_ENV: 'production' });
    expect(missing.output).toContain('API_SALT is required in production');
    expect(missing.output).toContain('DATABASE_URL is required in production');
  });
});

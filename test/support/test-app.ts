import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { DatabaseConnection } from '../../src/database/database-connection';
import { apiFetch } from './contract';
import { createTestDatabase } from './test-database';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface IssuedTestKey {
  key: string;
  id: string;
  accountId: string;
}

export interface TestApp {
  app: NestFastifyApplication;
  url: string;
  databaseUrl: string;
  config: AppConfig;
  /** An account on `tier` with one key, made through the admin API. */
  createKey(tier?: string, scopes?: string[]): Promise<IssuedTestKey>;
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function call(
  url: string,
  method: string,
  path: string,
  credential?: string,
  body?: unknown,
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (credential) headers.authorization = `Bearer ${credential}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await apiFetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/**
 * Starts the real service on a free port against a fresh database on the machine's PostgreSQL:
 * real worker pool, real HTTP. `env` may override anything, e.g. REDIS_URL or DATABASE_URL.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  // DATABASE_URL: '' asks for the embedded default.
  const database = 'DATABASE_URL' in env ? null : await createTestDatabase();
  const databaseUrl = env.DATABASE_URL ?? database!.url;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    SERVER_PORT: '0',
    API_SALT: 'test-salt-0123456789abcdef',
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    // Short, small runs unless a test says otherwise: a hostile guest stops at 5 s and 128 MB.
    EXECUTION_TIMEOUT: '5s',
    MEMORY_LIMIT: '128MB',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const connectedUrl = app.get(DatabaseConnection).url;
  const admin = (method: string, path: string, body?: unknown) => call(url, method, path, config.adminToken ?? undefined, body);
  return {
    app,
    url,
    databaseUrl: connectedUrl,
    config,
    admin,
    async createKey(tier = 'enterprise', scopes?: string[]) {
      const account = await admin('POST', '/api/v1/admin/accounts', { name: `test ${tier}`, tier });
      if (account.status !== 201) throw new Error(`could not create an account: ${JSON.stringify(account.body)}`);
      const key = await admin('POST', `/api/v1/admin/accounts/${account.body.id}/keys`, scopes ? { scopes } : {});
      if (key.status !== 201) throw new Error(`could not create a key: ${JSON.stringify(key.body)}`);
      return { key: key.body.key, id: key.body.id, accountId: account.body.id };
    },
    async close() {
      await app.close();
      await database?.drop();
    },
  };
}

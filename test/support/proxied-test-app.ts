import { TcpProxy } from './tcp-proxy';
import { startTestApp, TestApp } from './test-app';
import { createTestDatabase } from './test-database';

export interface ProxiedTestApp {
  service: TestApp;
  /** Between the service and PostgreSQL: `cut()` is an outage of the database for this service only. */
  proxy: TcpProxy;
  /** The service's database, reached directly (not through the proxy). */
  databaseUrl: string;
  close(): Promise<void>;
}

/** The service of `startTestApp` on a fresh database that it reaches through a TCP proxy. */
export async function startTestAppBehindProxy(env: Record<string, string> = {}): Promise<ProxiedTestApp> {
  const database = await createTestDatabase();
  const proxy = await TcpProxy.start(Number(new URL(database.url).port || 5432));
  const proxied = new URL(database.url);
  proxied.port = String(proxy.port);
  const service = await startTestApp({ DATABASE_URL: proxied.toString(), ...env });
  return {
    service,
    proxy,
    databaseUrl: database.url,
    async close() {
      await service.close();
      await proxy.close();
      await database.drop();
    },
  };
}

import { ServiceProcess, startServiceProcess } from './service-process';
import { call, TEST_ADMIN_TOKEN } from './test-app';
import { createTestDatabase } from './test-database';

export interface ServiceWithKey {
  service: ServiceProcess;
  /** A key of an account on the tier asked for. */
  key: string;
  /** Stops the service and drops its database. */
  stop(): Promise<void>;
}

/** `node dist/src/main.js` on a fresh database, with one account on `tier` and a key of it. */
export async function startServiceWithKey(tier: string, env: Record<string, string> = {}): Promise<ServiceWithKey> {
  const database = await createTestDatabase();
  const service = await startServiceProcess({ DATABASE_URL: database.url, ADMIN_TOKEN: TEST_ADMIN_TOKEN, API_SALT: 'test-salt-0123456789abcdef', ...env });
  const account = await call(service.url, 'POST', '/api/v1/admin/accounts', TEST_ADMIN_TOKEN, { name: `${tier} account`, tier });
  const { key } = (await call(service.url, 'POST', `/api/v1/admin/accounts/${account.body.id}/keys`, TEST_ADMIN_TOKEN, {})).body;
  return {
    service,
    key,
    async stop() {
      service.child.kill('SIGTERM');
      await service.exited;
      await database.drop();
    },
  };
}

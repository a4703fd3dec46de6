import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { COMPILED_ROOT } from '../../src/common/paths';
import { createTestDatabase } from '../support/test-database';

const migration = (name: string) => join(COMPILED_ROOT, 'migrations', `${name}.js`);
const BEFORE = ['1763900000000-accounts-keys-tiers', '1763900100000-modules-executions', '1763900200000-usage-rollups', '1763900300000-execution-determinism'].map(migration);

describe('migration 1764100200000-module-store', () => {
  it('moves existing bytes into 1 MiB pieces and numbers the versions of existing names', async () => {
    const database = await createTestDatabase();
    const options = { type: 'postgres' as const, url: database.url, migrationsTableName: 'schema_migrations' };
    const bytes = Buffer.alloc(2.5 * 1024 * 1024 + 7);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7 + (i >> 12)) & 255;
    try {
      const before = await new DataSource({ ...options, migrations: BEFORE }).initialize();
      await before.runMigrations();
      const [account] = await before.query(`INSERT INTO accounts (name, tier) VALUES ('old', 'free') RETURNING id`);
      await before.query(`INSERT INTO module_blobs (sha256, size_bytes, bytes) VALUES ('a', $1, $2), ('b', 3, '\\x010203')`, [bytes.length, bytes]);
      await before.query(`INSERT INTO modules (account_id, sha256, name, size_bytes, created_at) VALUES ($1, 'a', 'x', $2, now() - interval '1 hour'), ($1, 'b', 'x', 3, now())`, [account.id, bytes.length]);
      await before.destroy();

      const after = await new DataSource({ ...options, migrations: [...BEFORE, migration('1764100200000-module-store')] }).initialize();
      try {
        await after.runMigrations();
        expect(await after.query(`SELECT sha256, version FROM modules ORDER BY version`)).toEqual([{ sha256: 'a', version: 1 }, { sha256: 'b', version: 2 }]);
        expect(await after.query(`SELECT sha256, complete, count(*)::int AS pieces FROM module_blobs JOIN module_blob_pieces USING (sha256) GROUP BY 1, 2 ORDER BY 1`)).toEqual([
          { sha256: 'a', complete: true, pieces: 3 },
          { sha256: 'b', complete: true, pieces: 1 },
        ]);
        const [{ same }] = await after.query(`SELECT string_agg(bytes, ''::bytea ORDER BY index) = $1 AS same FROM module_blob_pieces WHERE sha256 = 'a'`, [bytes]);
        expect(same).toBe(true);
        await after.undoLastMigration();
        const [{ restored }] = await after.query(`SELECT bytes = $1 AS restored FROM module_blobs WHERE sha256 = 'a'`, [bytes]);
        expect(restored).toBe(true);
      } finally {
        await after.destroy();
      }
    } finally {
      await database.drop();
    }
  });
});

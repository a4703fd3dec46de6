import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hourly usage per account, key, status and duration bin, kept up to date by the usage writer
 * in the same transaction as the execution rows, so usage over millions of executions reads a
 * few thousand rows. Existing executions are rolled up here once.
 */
export class UsageRollups1763900200000 implements MigrationInterface {
  name = 'UsageRollups1763900200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE usage_rollups (
        account_id uuid NOT NULL,
        key_id uuid NOT NULL,
        hour timestamptz NOT NULL,
        status text NOT NULL,
        bin integer NOT NULL,
        count integer NOT NULL,
        input_bytes bigint NOT NULL,
        output_bytes bigint NOT NULL,
        PRIMARY KEY (account_id, hour, key_id, status, bin)
      )`);
    await db.query(`CREATE INDEX usage_rollups_key_hour_idx ON usage_rollups (key_id, hour)`);
    await db.query(`CREATE INDEX usage_rollups_hour_idx ON usage_rollups (hour)`);
    await db.query(`
      INSERT INTO usage_rollups (account_id, key_id, hour, status, bin, count, input_bytes, output_bytes)
      SELECT account_id, coalesce(key_id, '00000000-0000-0000-0000-000000000000'), date_trunc('hour', created_at, 'UTC'), status,
             CASE WHEN status = 'invalid_module' THEN -1
                  ELSE floor(ln(greatest(duration_ms, 0.001) / 0.001) / ln(1.05))::int END,
             count(*), sum(input_bytes), sum(stdout_bytes + stderr_bytes)
        FROM executions GROUP BY 1, 2, 3, 4, 5`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE usage_rollups`);
  }
}

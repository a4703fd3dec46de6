import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Async runs: an execution is recorded `queued` when it is submitted, then `running`, then final;
 * its result (stdout, stderr and their encodings) is kept with it, up to the tier's
 * `max_stored_result_bytes`, and `callback_url` is where its end is announced.
 */
export class AsyncRuns1764100300000 implements MigrationInterface {
  name = 'AsyncRuns1764100300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE executions
        ADD COLUMN callback_url text,
        ADD COLUMN result jsonb,
        ADD COLUMN started_at timestamptz,
        ADD COLUMN finished_at timestamptz`);
    await db.query(`ALTER TABLE tiers ADD COLUMN max_stored_result_bytes integer NOT NULL DEFAULT 1048576 CHECK (max_stored_result_bytes >= 0)`);
    await db.query(`
      UPDATE tiers SET max_stored_result_bytes = CASE name
        WHEN 'free' THEN 262144 WHEN 'basic' THEN 2097152 WHEN 'pro' THEN 16777216 WHEN 'enterprise' THEN 67108864
        ELSE max_stored_result_bytes END`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tiers DROP COLUMN max_stored_result_bytes`);
    await db.query(`ALTER TABLE executions DROP COLUMN finished_at, DROP COLUMN started_at, DROP COLUMN result, DROP COLUMN callback_url`);
  }
}

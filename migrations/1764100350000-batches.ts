import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batches: many runs of one stored module in one request. Each run is an execution row linked to
 * its batch; a tier bounds how many runs one batch carries (`max_batch_runs`). `results` holds the
 * answers of its runs, in request order, once it has ended.
 */
export class Batches1764100350000 implements MigrationInterface {
  name = 'Batches1764100350000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tiers ADD COLUMN max_batch_runs integer NOT NULL DEFAULT 10 CHECK (max_batch_runs > 0)`);
    await db.query(`
      UPDATE tiers SET max_batch_runs = CASE name
        WHEN 'free' THEN 10 WHEN 'basic' THEN 50 WHEN 'pro' THEN 200 WHEN 'enterprise' THEN 1000 ELSE max_batch_runs END`);
    await db.query(`
      CREATE TABLE batches (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        key_id uuid,
        module_id uuid NOT NULL,
        status text NOT NULL,
        total integer NOT NULL CHECK (total > 0),
        callback_url text,
        results jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await db.query(`CREATE INDEX batches_account_created_idx ON batches (account_id, created_at DESC, id DESC)`);
    await db.query(`ALTER TABLE executions ADD COLUMN batch_id uuid`);
    await db.query(`CREATE INDEX executions_batch_idx ON executions (batch_id) WHERE batch_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE executions DROP COLUMN batch_id`);
    await db.query(`DROP TABLE batches`);
    await db.query(`ALTER TABLE tiers DROP COLUMN max_batch_runs`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each run of a batch is known by its place in the batch's `runs` (`batch_index`): a batch retried
 * after its executor died resumes at the runs not yet recorded, and no run is recorded twice.
 */
export class BatchRunIndex1764100500000 implements MigrationInterface {
  name = 'BatchRunIndex1764100500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE executions ADD COLUMN batch_index integer CHECK (batch_index >= 0)`);
    // Single runs (both null) never collide; it also serves what the index on batch_id alone did.
    await db.query(`CREATE UNIQUE INDEX executions_batch_run_idx ON executions (batch_id, batch_index)`);
    await db.query(`DROP INDEX executions_batch_idx`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX executions_batch_idx ON executions (batch_id) WHERE batch_id IS NOT NULL`);
    await db.query(`DROP INDEX executions_batch_run_idx`);
    await db.query(`ALTER TABLE executions DROP COLUMN batch_index`);
  }
}

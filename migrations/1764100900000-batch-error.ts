import { MigrationInterface, QueryRunner } from 'typeorm';

/** Why a failed batch failed (suspended, its module gone, its executor lost), as an async run's `error` says; null for rows from before. */
export class BatchError1764100900000 implements MigrationInterface {
  name = 'BatchError1764100900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE batches ADD COLUMN error text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE batches DROP COLUMN error`);
  }
}

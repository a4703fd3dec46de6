import { MigrationInterface, QueryRunner } from 'typeorm';

const COVERED = 'status, duration_ms, input_bytes, stdout_bytes, stderr_bytes';

/**
 * What a run brought back of the files it left (`outputFiles`): how many, and their bytes, which
 * count as output with stdout and stderr. Rows from before brought none back. The indexes usage
 * reads the partial hours through cover the file bytes too.
 */
export class OutputFiles1764100100000 implements MigrationInterface {
  name = 'OutputFiles1764100100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE executions
        ADD COLUMN output_file_count integer NOT NULL DEFAULT 0 CHECK (output_file_count >= 0),
        ADD COLUMN output_file_bytes bigint NOT NULL DEFAULT 0 CHECK (output_file_bytes >= 0)`);
    await this.coverIndexes(db, `${COVERED}, output_file_bytes`);
  }

  async down(db: QueryRunner): Promise<void> {
    await this.coverIndexes(db, COVERED);
    await db.query(`ALTER TABLE executions DROP COLUMN output_file_bytes, DROP COLUMN output_file_count`);
  }

  private async coverIndexes(db: QueryRunner, columns: string): Promise<void> {
    await db.query(`DROP INDEX executions_account_time_idx`);
    await db.query(`CREATE INDEX executions_account_time_idx ON executions (account_id, created_at DESC, id DESC) INCLUDE (${columns}, key_id)`);
    await db.query(`DROP INDEX executions_key_time_idx`);
    await db.query(`CREATE INDEX executions_key_time_idx ON executions (key_id, created_at DESC) INCLUDE (${columns})`);
  }
}

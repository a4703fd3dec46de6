import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An account's runs still queued or running, counted when it submits another: the queue fetches
 * each account's next run before anyone's later ones (JobQueue's fair order). Only pending rows
 * are in the index, so the runs recorded already final (every synchronous one) never enter it.
 */
export class PendingRunsIndex1764100700000 implements MigrationInterface {
  name = 'PendingRunsIndex1764100700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX executions_pending_idx ON executions (account_id) WHERE status IN ('queued', 'running')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX executions_pending_idx`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The limits a run was held to, on its record (timeoutMs, memoryLimitBytes, maxOutputBytes), so
 * that GET /api/v1/executions/{id} gives them as the run's answer does: an async run's record is
 * all its submitter gets. Null for rows from before, and for a module refused before it ran.
 */
export class ExecutionLimits1764100800000 implements MigrationInterface {
  name = 'ExecutionLimits1764100800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE executions ADD COLUMN limits jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE executions DROP COLUMN limits`);
  }
}

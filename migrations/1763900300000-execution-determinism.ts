import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a run needs to be replayed exactly: the clock it read (`real`, or `fixed` for a clock of
 * its own) and the seed of its random_get (null: the host's random). Rows from before read the
 * host's clock and random.
 */
export class ExecutionDeterminism1763900300000 implements MigrationInterface {
  name = 'ExecutionDeterminism1763900300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE executions
        ADD COLUMN clock text NOT NULL DEFAULT 'real' CHECK (clock IN ('real', 'fixed')),
        ADD COLUMN random_seed bigint`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE executions DROP COLUMN random_seed, DROP COLUMN clock`);
  }
}

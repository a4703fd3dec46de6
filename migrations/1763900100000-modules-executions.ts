import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored modules (bytes kept once per sha256, however many accounts upload them) and one row
 * per execution. The executions indexes lead with the account and time, and carry what usage
 * sums, so usage over millions of rows is answered from the index alone.
 */
export class ModulesExecutions1763900100000 implements MigrationInterface {
  name = 'ModulesExecutions1763900100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE module_blobs (
        sha256 text PRIMARY KEY,
        size_bytes integer NOT NULL,
        bytes bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE modules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        sha256 text NOT NULL REFERENCES module_blobs(sha256),
        name text NOT NULL,
        description text,
        size_bytes integer NOT NULL,
        imports jsonb NOT NULL DEFAULT '[]'::jsonb,
        memory_min_pages integer,
        memory_max_pages integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (account_id, sha256)
      )`);
    await db.query(`CREATE INDEX modules_account_created_idx ON modules (account_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX modules_sha256_idx ON modules (sha256)`);
    await db.query(`
      CREATE TABLE executions (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL,
        key_id uuid,
        module_sha256 text,
        module_id uuid,
        status text NOT NULL,
        exit_code integer,
        duration_ms double precision NOT NULL DEFAULT 0,
        queue_ms double precision NOT NULL DEFAULT 0,
        memory_peak_bytes bigint NOT NULL DEFAULT 0,
        input_bytes bigint NOT NULL DEFAULT 0,
        stdout_bytes bigint NOT NULL DEFAULT 0,
        stderr_bytes bigint NOT NULL DEFAULT 0,
        error text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE INDEX executions_account_time_idx ON executions (account_id, created_at DESC, id DESC)
        INCLUDE (status, duration_ms, input_bytes, stdout_bytes, stderr_bytes, key_id)`);
    await db.query(`
      CREATE INDEX executions_key_time_idx ON executions (key_id, created_at DESC)
        INCLUDE (status, duration_ms, input_bytes, stdout_bytes, stderr_bytes)`);
    await db.query(`CREATE INDEX executions_created_idx ON executions (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE executions`);
    await db.query(`DROP TABLE modules`);
    await db.query(`DROP TABLE module_blobs`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tiers (seeded), accounts, API keys and the audit log of administrative actions. */
export class AccountsKeysTiers1763900000000 implements MigrationInterface {
  name = 'AccountsKeysTiers1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await db.query(`
      CREATE TABLE tiers (
        name text PRIMARY KEY,
        requests_per_minute integer NOT NULL CHECK (requests_per_minute > 0),
        executions_per_day integer NOT NULL CHECK (executions_per_day > 0),
        max_module_bytes integer NOT NULL CHECK (max_module_bytes > 0),
        max_input_bytes integer NOT NULL CHECK (max_input_bytes >= 0),
        memory_limit_bytes integer NOT NULL CHECK (memory_limit_bytes >= 65536),
        timeout_ms integer NOT NULL CHECK (timeout_ms > 0),
        max_output_bytes integer NOT NULL CHECK (max_output_bytes > 0),
        max_concurrency integer NOT NULL CHECK (max_concurrency > 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      INSERT INTO tiers (name, requests_per_minute, executions_per_day, max_module_bytes, max_input_bytes,
                         memory_limit_bytes, timeout_ms, max_output_bytes, max_concurrency) VALUES
        ('free',         10,    100,   1048576,   65536,  33554432,  2000,    65536,  1),
        ('basic',        60,   2000,   5242880,  524288,  67108864,  5000,   524288,  2),
        ('pro',         300,  20000,  10485760, 1048576, 134217728, 10000,  1048576,  5),
        ('enterprise', 1200, 200000, 104857600, 10485760, 536870912, 30000, 10485760, 20)`);
    await db.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        email text,
        tier text NOT NULL REFERENCES tiers(name) ON DELETE RESTRICT,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        name text,
        prefix text NOT NULL,
        key_hash text NOT NULL,
        scopes text[] NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
        expires_at timestamptz,
        last_used_at timestamptz,
        replaced_by uuid,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX api_keys_key_hash_idx ON api_keys (key_hash)`);
    await db.query(`CREATE INDEX api_keys_account_id_idx ON api_keys (account_id)`);
    await db.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        actor text NOT NULL,
        action text NOT NULL,
        target_type text NOT NULL,
        target_id text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX audit_log_created_at_idx ON audit_log (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_log`);
    await db.query(`DROP TABLE api_keys`);
    await db.query(`DROP TABLE accounts`);
    await db.query(`DROP TABLE tiers`);
  }
}

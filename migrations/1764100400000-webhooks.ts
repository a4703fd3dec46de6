import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each account's webhook signing secret, and every attempt to deliver a callback. */
export class Webhooks1764100400000 implements MigrationInterface {
  name = 'Webhooks1764100400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE webhook_secrets (
        account_id uuid PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        secret text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        previous_secret text,
        previous_until timestamptz
      )`);
    await db.query(`
      CREATE TABLE webhook_attempts (
        id bigserial PRIMARY KEY,
        subject_kind text NOT NULL CHECK (subject_kind IN ('execution', 'batch')),
        subject_id uuid NOT NULL,
        account_id uuid NOT NULL,
        webhook_id text NOT NULL,
        url text NOT NULL,
        attempt integer NOT NULL CHECK (attempt >= 1),
        attempted_at timestamptz NOT NULL,
        status_code integer,
        error text,
        duration_ms double precision NOT NULL,
        delivered boolean NOT NULL,
        UNIQUE (subject_kind, subject_id, attempt)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE webhook_attempts`);
    await db.query(`DROP TABLE webhook_secrets`);
  }
}

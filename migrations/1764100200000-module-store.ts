import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Module bytes in pieces, and modules by name and version.
 *
 * A blob's bytes move into `module_blob_pieces`, one row per 1 MiB piece, each written by a
 * statement of its own: on the embedded database (one connection) other queries run between
 * them, and a message of many megabytes never reaches its socket server (which reassembles a
 * message by copying all it has so far for every chunk that arrives). A blob is `complete` once
 * every piece is written; until then no module points at it.
 *
 * Modules get a `version` per account and name (1, 2, ... in the order they were stored), and the
 * same bytes may be stored under several names (each a module, one blob).
 */
export class ModuleStore1764100200000 implements MigrationInterface {
  name = 'ModuleStore1764100200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE module_blob_pieces (
        sha256 text NOT NULL REFERENCES module_blobs(sha256) ON DELETE CASCADE,
        index integer NOT NULL,
        bytes bytea NOT NULL,
        PRIMARY KEY (sha256, index)
      )`);
    await db.query(`ALTER TABLE module_blobs ADD COLUMN piece_bytes integer NOT NULL DEFAULT 1048576, ADD COLUMN complete boolean NOT NULL DEFAULT false`);
    await db.query(`
      INSERT INTO module_blob_pieces (sha256, index, bytes)
      SELECT b.sha256, i, substring(b.bytes FROM i * b.piece_bytes + 1 FOR b.piece_bytes)
        FROM module_blobs b, generate_series(0, (b.size_bytes - 1) / b.piece_bytes) AS i`);
    await db.query(`UPDATE module_blobs SET complete = true`);
    await db.query(`ALTER TABLE module_blobs DROP COLUMN bytes, ALTER COLUMN piece_bytes DROP DEFAULT`);

    await db.query(`ALTER TABLE modules ADD COLUMN version integer`);
    await db.query(`
      UPDATE modules m SET version = v.n
        FROM (SELECT id, row_number() OVER (PARTITION BY account_id, name ORDER BY created_at, id) AS n FROM modules) v
       WHERE m.id = v.id`);
    await db.query(`ALTER TABLE modules ALTER COLUMN version SET NOT NULL, DROP CONSTRAINT modules_account_id_sha256_key`);
    await db.query(`CREATE UNIQUE INDEX modules_account_name_version_idx ON modules (account_id, name, version DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX modules_account_name_version_idx`);
    await db.query(`DELETE FROM modules a USING modules b WHERE a.account_id = b.account_id AND a.sha256 = b.sha256 AND (a.created_at, a.id) > (b.created_at, b.id)`);
    await db.query(`ALTER TABLE modules DROP COLUMN version, ADD CONSTRAINT modules_account_id_sha256_key UNIQUE (account_id, sha256)`);
    await db.query(`ALTER TABLE module_blobs ADD COLUMN bytes bytea`);
    await db.query(`UPDATE module_blobs b SET bytes = (SELECT string_agg(p.bytes, ''::bytea ORDER BY p.index) FROM module_blob_pieces p WHERE p.sha256 = b.sha256)`);
    await db.query(`DELETE FROM module_blobs WHERE bytes IS NULL OR NOT complete`);
    await db.query(`ALTER TABLE module_blobs ALTER COLUMN bytes SET NOT NULL, DROP COLUMN complete, DROP COLUMN piece_bytes`);
    await db.query(`DROP TABLE module_blob_pieces`);
  }
}

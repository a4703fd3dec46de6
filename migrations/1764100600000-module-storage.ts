import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A tier bounds the bytes an account's stored modules take together (`max_stored_module_bytes`,
 * every version counted): 16 of its largest modules, and under 2 GiB (the column is an integer).
 */
export class ModuleStorage1764100600000 implements MigrationInterface {
  name = 'ModuleStorage1764100600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tiers ADD COLUMN max_stored_module_bytes integer NOT NULL DEFAULT 16777216 CHECK (max_stored_module_bytes >= 0)`);
    await db.query(`
      UPDATE tiers SET max_stored_module_bytes = CASE name
        WHEN 'free' THEN 16777216 WHEN 'basic' THEN 134217728 WHEN 'pro' THEN 536870912 WHEN 'enterprise' THEN 2146435072
        ELSE max_stored_module_bytes END`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tiers DROP COLUMN max_stored_module_bytes`);
  }
}

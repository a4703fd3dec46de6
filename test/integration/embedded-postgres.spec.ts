import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../src/database/embedded-postgres';

@Entity('embedded_pg_note')
class Note {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  body: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** PGlite starting (a whole Postgres in wasm) takes most of a minute on a loaded machine; it is not what is timed here. */
const STARTING_MS = 180_000;

describe('embedded PostgreSQL (PGlite in a child process)', () => {
  let root: string;
  let dataDir: string;
  let running: EmbeddedPostgres | undefined;
  const logs: string[] = [];
  const log = (line: string): void => void logs.push(line);

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'wasmwiz-embedded-pg-'));
    dataDir = join(root, 'postgres');
  });

  afterAll(async () => {
    await running?.stop().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  });

  it('serves the pg driver on 127.0.0.1, with pgcrypto and many queued queries', async () => {
    running = await startEmbeddedPostgres({ dataDir, log });
    const db = running;
    expect(db.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect(db.pid).not.toBe(process.pid);
    // One connection: PGlite is a single session and the socket server interleaves the protocol
    // messages of concurrent clients (their unnamed statements and portals collide).
    expect(db.maxConnections).toBe(1);
    const pool = new Pool({ connectionString: db.url, max: db.maxConnections });
    try {
      const results = (await pool.query('CREATE EXTENSION IF NOT EXISTS pgcrypto; SELECT gen_random_uuid() AS id')) as unknown as {
        rows: { id: string }[];
      }[];
      expect(results[1].rows[0].id).toMatch(UUID);

      await pool.query('CREATE TABLE kept (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), label text NOT NULL)');
      await pool.query('INSERT INTO kept (label) VALUES ($1)', ['survives a restart']);
      await pool.query('CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)');
      await pool.query('INSERT INTO counter VALUES (1, 0)');

      // Many more queries than connections, each with its own SQL text and
      // parameters, some failing: the pool queues them and each gets its own answer.
      const queries = Array.from({ length: 60 }, (_, i) => {
        if (i % 10 === 9) {
          return pool.query(`SELECT ${i} / 0 AS boom`).then(
            () => 'no error',
            (error: Error) => error.message,
          );
        }
        return pool
          .query(`SELECT $1::int AS v, ${i} AS k, repeat('x', $2::int) AS pad`, [i, i * 100])
          .then(({ rows }) => `${rows[0].v}/${rows[0].k}/${rows[0].pad.length}`);
      });
      // Read-modify-write transactions requested concurrently, interleaved with
      // the queries above: queued by the pool, none is lost or deadlocks.
      const increments = Array.from({ length: 20 }, async () => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const { rows } = await client.query('SELECT n FROM counter WHERE id = 1');
          await client.query('SELECT pg_sleep(0.001)');
          await client.query('UPDATE counter SET n = $1 WHERE id = 1', [rows[0].n + 1]);
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      });
      const [answers] = await Promise.all([Promise.all(queries), Promise.all(increments)]);

      answers.forEach((answer, i) => {
        expect(answer).toBe(i % 10 === 9 ? 'division by zero' : `${i}/${i}/${i * 100}`);
      });
      const { rows } = await pool.query('SELECT n FROM counter WHERE id = 1');
      expect(rows[0].n).toBe(20);
    } finally {
      await pool.end();
    }

    await db.stop();
    running = undefined;
    await db.stop(); // idempotent
    expect(() => process.kill(db.pid, 0)).toThrow(); // the child is gone
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
  }, STARTING_MS + 30_000);

  it('finds the data again after a restart on the same directory', async () => {
    running = await startEmbeddedPostgres({ dataDir, log });
    const pool = new Pool({ connectionString: running.url, max: running.maxConnections });
    try {
      const { rows } = await pool.query('SELECT id, label FROM kept');
      expect(rows).toEqual([{ id: expect.stringMatching(UUID), label: 'survives a restart' }]);
    } finally {
      await pool.end();
    }
  }, STARTING_MS);

  it('refuses a second instance on a data directory in use, naming the owner', async () => {
    expect(running).toBeDefined();
    await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(`in use by another embedded Postgres (pid ${running!.pid}`);
  }, 30_000);

  it('works with TypeORM (uuid primary keys through pgcrypto)', async () => {
    expect(running).toBeDefined();
    const dataSource = new DataSource({
      type: 'postgres',
      url: running!.url,
      uuidExtension: 'pgcrypto',
      entities: [Note],
      synchronize: true,
      extra: { max: running!.maxConnections },
    });
    await dataSource.initialize();
    try {
      const notes = dataSource.getRepository(Note);
      const saved = await notes.save(notes.create({ body: 'hello from TypeORM' }));
      expect(saved.id).toMatch(UUID);
      expect(await notes.findOneBy({ id: saved.id })).toEqual({ id: saved.id, body: 'hello from TypeORM' });
      await Promise.all(Array.from({ length: 10 }, (_, i) => notes.save(notes.create({ body: `note ${i}` }))));
      expect(await notes.count()).toBe(11);
    } finally {
      await dataSource.destroy();
    }
    await running!.stop();
    running = undefined;
  }, STARTING_MS);

  it('reports why the child could not start', async () => {
    const notADirectory = join(root, 'a-file');
    writeFileSync(notADirectory, 'not a directory');
    await expect(startEmbeddedPostgres({ dataDir: notADirectory })).rejects.toThrow(/embedded Postgres failed to start[\s\S]*(EEXIST|ENOTDIR)/);
  }, 30_000);
});

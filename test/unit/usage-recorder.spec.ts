import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ProblemException } from '../../src/http/problem';
import { MetricsService } from '../../src/metrics/metrics.service';
import { ExecutionRecord } from '../../src/schema/execution-record.entity';
import { UsageRecorder } from '../../src/usage/usage-recorder.service';
import { APP_CONFIG } from '../../src/config/config.module';
import { JOURNAL_HEARTBEAT_MS } from '../../src/usage/record-journal';
import { closeSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The recorder's side of the database: which execution rows were written, or refused while down. */
class FakeDatabase {
  isInitialized = true;
  down = false;
  /** Rows the database refuses for what they hold (as PostgreSQL does a value out of a column's range). */
  refused = new Set<string>();
  written: string[] = [];
  transactions = 0;
  queries = 0;
  /** Runs inside each write, as rows recorded while a write is under way would arrive. */
  duringWrite: () => void = () => undefined;

  async transaction<T>(work: (manager: { query(sql: string, parameters: string[]): Promise<{ id: string }[]> }) => Promise<T>): Promise<T> {
    this.transactions++;
    await null; // a connection is taken before anything is sent, as TypeORM's transaction does
    const during = this.duringWrite;
    this.duringWrite = () => undefined;
    during();
    const rows: string[] = [];
    const result = await work({
      // Answers an INSERT with the rows it wrote (RETURNING id), as Postgres does.
      query: async (sql, [json]) => {
        this.queries++;
        if (this.down) throw new Error('connect ECONNREFUSED');
        if (!sql.includes('INSERT INTO executions')) return [];
        const inserted = JSON.parse(json).map((row: { id: string }) => ({ id: row.id }));
        if (inserted.some((row: { id: string }) => this.refused.has(row.id))) {
          throw Object.assign(new Error('value "4294967295" is out of range for type integer'), { code: '22003' });
        }
        rows.push(...inserted.map((row: { id: string }) => row.id));
        return inserted;
      },
    });
    this.written.push(...rows);
    return result;
  }
}

function record(): ExecutionRecord {
  return Object.assign(new ExecutionRecord(), {
    id: randomUUID(), accountId: randomUUID(), keyId: null, moduleSha256: null, moduleId: null, status: 'success', exitCode: 0,
    durationMs: 1, queueMs: 0, memoryPeakBytes: 0, inputBytes: 0, stdoutBytes: 0, stderrBytes: 0, outputFileCount: 0, outputFileBytes: 0, error: null, clock: 'real',
    randomSeed: null, createdAt: new Date(),
  });
}

describe('the usage recorder', () => {
  let database: FakeDatabase;
  let recorder: UsageRecorder;
  let close: () => Promise<void>;
  let dataDir: string;

  beforeEach(async () => {
    jest.useFakeTimers();
    database = new FakeDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'wasmwiz-recorder-'));
    const config = { dataDir, databaseUrl: 'postgres://fake/db' };
    const module = await Test.createTestingModule({ providers: [UsageRecorder, MetricsService, { provide: DataSource, useValue: database }, { provide: APP_CONFIG, useValue: config }] })
      .useMocker(() => ({ register: () => undefined })) // readiness: not what is tested here
      .compile();
    await module.init();
    recorder = module.get(UsageRecorder);
    close = () => module.close();
  });
  afterEach(async () => {
    await close();
    jest.useRealTimers();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The lines of every journal file of the recorder's database. */
  const journalled = () => {
    const root = join(dataDir, 'record-journal');
    return readdirSync(root).flatMap((database) => readdirSync(join(root, database)).flatMap((file) => readFileSync(join(root, database, file), 'utf8').split('\n').filter(Boolean)));
  };

  it('journals each row as it is recorded, and drops it from the journal once written', async () => {
    const rows = Array.from({ length: 3 }, record);
    rows.forEach((row) => recorder.record(row));
    expect(journalled().map((line) => JSON.parse(line).id)).toEqual(rows.map((row) => row.id));
    await recorder.flush();
    expect(journalled()).toEqual([]);
  });

  it("writes the journalled rows of a process that is gone, once, and leaves a live process's journal alone", async () => {
    const directory = readdirSync(join(dataDir, 'record-journal'))[0];
    const folder = join(dataDir, 'record-journal', directory);
    const lost = [record(), record()];
    const gone = join(folder, 'a-process-that-died-1.ndjson');
    // Its last line torn, as a process killed while writing it leaves it.
    writeFileSync(gone, `${lost.map((row) => JSON.stringify(row)).join('\n')}\n{"id":"tor`);
    const live = join(folder, 'a-live-process-1.ndjson');
    writeFileSync(live, `${JSON.stringify(record())}\n`);
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(gone, longAgo, longAgo);
    await jest.advanceTimersByTimeAsync(JOURNAL_HEARTBEAT_MS);
    await recorder.flush();
    expect(database.written.sort()).toEqual(lost.map((row) => row.id).sort());
    // Left: the live process's journal and this recorder's own (empty) one; the adopted file went once its rows were written.
    const left = readdirSync(folder);
    expect(left).toHaveLength(2);
    expect(left).toContain('a-live-process-1.ndjson');
    expect(left).not.toContain('a-process-that-died-1.ndjson');
    await jest.advanceTimersByTimeAsync(JOURNAL_HEARTBEAT_MS);
    await recorder.flush();
    expect(database.written).toHaveLength(2);
  });

  it('journals again once a failed journal opens again (a heartbeat tries), degraded in readiness meanwhile', async () => {
    const [before, during, after] = [record(), record(), record()];
    recorder.record(before);
    // A passing fault: the journal's file is gone from under it (EMFILE, a full disk, EBADF here).
    closeSync((recorder as unknown as { journal: { fd: number } }).journal.fd);
    recorder.record(during);
    expect(recorder.readiness()).toMatchObject({ status: 'degraded', journal: expect.stringMatching(/^down: EBADF/) });
    await jest.advanceTimersByTimeAsync(JOURNAL_HEARTBEAT_MS);
    expect(recorder.readiness()).toMatchObject({ status: 'up', journal: 'up' });
    recorder.record(after);
    // Before, it stayed off for the process's life: `after` was in memory only.
    expect(journalled().map((line) => JSON.parse(line).id)).toEqual([before.id, after.id]);
    await recorder.flush();
    expect(database.written).toEqual([before.id, during.id, after.id]);
    expect(journalled()).toEqual([]);
  });

  it('writes everything buffered on flush, in batches, and concurrent flushes share one write', async () => {
    const rows = Array.from({ length: 1200 }, record);
    rows.forEach((row) => recorder.record(row));
    await Promise.all([recorder.flush(), recorder.flush()]);
    expect(database.written.sort()).toEqual(rows.map((row) => row.id).sort());
    expect(database.transactions).toBe(3);
    expect(recorder.pending).toBe(0);
  });

  it('drops a row the database refuses for what it holds, writing every other row of its batch and after it', async () => {
    const rows = Array.from({ length: 5 }, record);
    database.refused.add(rows[2].id);
    rows.forEach((row) => recorder.record(row));
    await recorder.flush();
    expect(database.written.sort()).toEqual(rows.filter((_, i) => i !== 2).map((row) => row.id).sort());
    expect(recorder.pending).toBe(0);
    const later = record();
    recorder.record(later);
    await recorder.flush();
    expect(database.written).toContain(later.id);
  });

  it('leaves rows that arrive during a write for the next flush, unless a full batch of them is waiting', async () => {
    recorder.record(record());
    const trickle = Array.from({ length: 3 }, record);
    database.duringWrite = () => trickle.forEach((row) => recorder.record(row));
    await recorder.flush();
    expect(database.transactions).toBe(1);
    expect(recorder.pending).toBe(3);

    const full = Array.from({ length: 500 }, record);
    database.duringWrite = () => full.forEach((row) => recorder.record(row));
    await recorder.flush();
    expect(database.transactions).toBe(3);
    expect(recorder.pending).toBe(0);
    expect(database.written).toHaveLength(504);
  });

  it('a flush asked for during a write also writes what arrived after that write began', async () => {
    recorder.record(record());
    let second: Promise<void> | undefined;
    database.duringWrite = () => {
      recorder.record(record());
      second = recorder.flush();
    };
    await recorder.flush();
    await second;
    expect(recorder.pending).toBe(0);
    expect(database.transactions).toBe(2);
  });

  it('at a clean stop writes everything, rows recorded during its writes included, and leaves no journal', async () => {
    recorder.record(record());
    database.duringWrite = () => recorder.record(record());
    await recorder.flushAll();
    expect(recorder.pending).toBe(0);
    expect(database.written).toHaveLength(2);
    expect(readdirSync(join(dataDir, 'record-journal'))).toEqual([]);
  });

  it("takes over an empty journal of a process that is gone by deleting it, so a clean stop with nothing to write leaves none", async () => {
    const folder = join(dataDir, 'record-journal', readdirSync(join(dataDir, 'record-journal'))[0]);
    const emptyOrphan = join(folder, 'a-process-that-died-empty-1.ndjson');
    writeFileSync(emptyOrphan, '');
    utimesSync(emptyOrphan, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    await jest.advanceTimersByTimeAsync(JOURNAL_HEARTBEAT_MS);
    expect(readdirSync(folder)).not.toContain('a-process-that-died-empty-1.ndjson');
    await recorder.flushAll();
    expect(readdirSync(join(dataDir, 'record-journal'))).toEqual([]);
  });

  it("writes rows within a caller's transaction, or keeps them to be written behind when it fails", async () => {
    const rows = [record(), record()];
    await recorder.recordWithin(rows, (writeRows) => database.transaction((manager) => writeRows(manager as never)));
    expect(database.written).toEqual(rows.map((row) => row.id));
    expect(recorder.pending).toBe(0);

    const lost = [record(), record()];
    const failing = (writeRows: (manager: never) => Promise<void>) =>
      database.transaction(async (manager) => {
        await writeRows(manager as never);
        throw new Error('the commit failed');
      });
    await expect(recorder.recordWithin(lost, failing)).rejects.toThrow('the commit failed');
    expect(recorder.pending).toBe(2);
    database.written = [];
    await recorder.flush();
    expect(database.written).toEqual(lost.map((row) => row.id));

    // No rows (a batch refused before any run): the caller's transaction gets no statement of theirs.
    const queries = database.queries;
    await recorder.recordWithin([], (writeRows) => database.transaction((manager) => writeRows(manager as never)));
    expect(database.queries).toBe(queries);
  });

  it('writes on its own every second', async () => {
    recorder.record(record());
    await jest.advanceTimersByTimeAsync(999);
    expect(database.written).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(database.written).toHaveLength(1);
  });

  it('keeps every row through a failed write, and tries again only after its backoff', async () => {
    database.down = true;
    const rows = [record(), record()];
    rows.forEach((row) => recorder.record(row));
    await recorder.flush();
    expect(recorder.pending).toBe(2);
    database.down = false;
    const tries = database.transactions;
    await recorder.flush();
    expect(database.transactions).toBe(tries); // still backing off
    await jest.advanceTimersByTimeAsync(2000);
    await recorder.flush();
    expect(database.written).toEqual(rows.map((row) => row.id));
    expect(recorder.pending).toBe(0);
  });

  it('refuses to start executions while the backlog is full, with a 503 naming the limit, until it drains', async () => {
    recorder.maxBufferedRows = 2;
    database.down = true;
    recorder.record(record());
    expect(() => recorder.admit()).not.toThrow();
    recorder.record(record());
    await recorder.flush();
    const refusal = (() => {
      try {
        recorder.admit();
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(ProblemException);
    expect((refusal as ProblemException).getStatus()).toBe(503);
    expect((refusal as ProblemException).toBody()).toMatchObject({ code: 'recording_unavailable', backlog: 2, limit: 2 });
    database.down = false;
    await jest.advanceTimersByTimeAsync(2000);
    await recorder.flush();
    expect(() => recorder.admit()).not.toThrow();
  });
});

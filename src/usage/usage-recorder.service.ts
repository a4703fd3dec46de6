import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';
import { problem } from '../http/problem';
import { MetricsService } from '../metrics/metrics.service';
import { ContributesReadiness, ReadinessCheck, ReadinessContributor } from '../readiness/readiness-contributor';
import { ExecutionRecord } from '../schema/execution-record.entity';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { JOURNAL_HEARTBEAT_MS, RecordJournal } from './record-journal';
import { addToRollups, insertRecords } from './usage-rollup';

const FLUSH_EVERY_MS = 1000;
const BATCH_ROWS = 500;
/**
 * Rows kept while the database cannot take them. Past this no execution starts (503) until the
 * backlog drains: a run that could not be recorded is not run, and no record the database can
 * take is ever dropped.
 */
const DEFAULT_MAX_BUFFERED_ROWS = 100_000;
const RETRY_BACKOFF_MS = 2000;

/**
 * Writes execution records behind the response: rows are buffered and inserted in batches at
 * least every second and on shutdown, so Postgres latency never sits on the request path. Each
 * row is also appended to the process's RecordJournal before the run is answered, so a process
 * killed before its next write loses none: another process (or the next start) writes them.
 */
@ContributesReadiness('recorder')
@Injectable()
export class UsageRecorder implements OnModuleInit, OnModuleDestroy, ReadinessContributor {
  private readonly logger = new Logger(UsageRecorder.name);
  private buffer: ExecutionRecord[] = [];
  private flushing: Promise<void> | null = null;
  private nextFlush: Promise<void> | null = null;
  private timer?: NodeJS.Timeout;
  private heartbeat?: NodeJS.Timeout;
  private readonly journal: RecordJournal;
  /** Why the journal stopped working, until a heartbeat finds it working again (see useJournal). */
  private journalFault: string | null = null;
  private retryAt = 0;
  private readonly backlog: Gauge;
  private readonly refused: Counter;
  private readonly written: Counter;
  private readonly dropped: Counter;
  /** Settable for tests, which cannot buffer a hundred thousand rows quickly. */
  maxBufferedRows = DEFAULT_MAX_BUFFERED_ROWS;

  constructor(
    private readonly dataSource: DataSource,
    metrics: MetricsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.journal = RecordJournal.forDatabase(config.dataDir, config.databaseUrl);
    this.backlog = new Gauge({
      name: 'wasmwiz_usage_writer_backlog',
      help: 'Execution records waiting to be written to Postgres',
      registers: [metrics.registry],
      collect: () => this.backlog.set(this.buffer.length),
    });
    this.refused = new Counter({
      name: 'wasmwiz_executions_refused_unrecordable_total',
      help: 'Executions refused because the backlog of unwritten execution records was full',
      registers: [metrics.registry],
    });
    this.written = new Counter({ name: 'wasmwiz_usage_records_written_total', help: 'Execution records written to Postgres', registers: [metrics.registry] });
    this.dropped = new Counter({
      name: 'wasmwiz_usage_records_dropped_total',
      help: 'Execution records dropped because Postgres refuses what they hold (each logged as an error)',
      registers: [metrics.registry],
    });
  }

  readiness(): ReadinessCheck {
    const behind = this.buffer.length >= BATCH_ROWS * 2 || this.journalFault !== null;
    return { status: this.full ? 'down' : behind ? 'degraded' : 'up', backlog: this.buffer.length, journal: this.journalFault === null ? 'up' : `down: ${this.journalFault}` };
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
    this.useJournal((journal) => journal.open(), undefined);
    this.keepJournal();
    this.heartbeat = setInterval(() => this.keepJournal(), JOURNAL_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Marks this process's journal alive, and takes the rows of journals whose processes are gone; one that failed is tried again. */
  private keepJournal(): void {
    if (this.journalFault !== null) this.reopenJournal();
    const adopted = this.useJournal((journal) => (journal.heartbeat(), journal.adoptOrphans()), []);
    if (adopted.length === 0) return;
    this.logger.warn(`${adopted.length} execution records of a process that stopped before writing them are taken over (any already written are skipped)`);
    this.buffer.push(...adopted);
  }

  /**
   * Uses the journal while it works; once it fails, records are kept as before, in memory until
   * written, and readiness says `degraded`, until a heartbeat opens it again: a passing fault
   * (EMFILE while a client held every file descriptor) turned it off for the process's life.
   */
  private useJournal<T>(use: (journal: RecordJournal) => T, without: T): T {
    if (this.journalFault !== null) return without;
    try {
      return use(this.journal);
    } catch (error) {
      this.journalFault = (error as Error).message;
      this.logger.error(`the record journal failed (${this.journalFault}): records are kept in memory only until it works again (tried every ${JOURNAL_HEARTBEAT_MS / 1000} s)`);
      return without;
    }
  }

  private reopenJournal(): void {
    try {
      this.journal.open();
    } catch {
      return; // still failing; the fault first logged stands
    }
    this.logger.warn(`the record journal works again (it had failed: ${this.journalFault}); records from now on are journalled`);
    this.journalFault = null;
  }

  get pending(): number {
    return this.buffer.length;
  }

  get full(): boolean {
    return this.buffer.length >= this.maxBufferedRows;
  }

  /** Called before an execution starts: refuses it while its record could not be kept. */
  admit(): void {
    if (!this.full) return;
    this.refused.inc();
    throw problem(
      'recording_unavailable',
      `${this.buffer.length} execution records are waiting for the database (the limit is ${this.maxBufferedRows}); no execution starts until they are written`,
      { backlog: this.buffer.length, limit: this.maxBufferedRows },
      { 'retry-after': String(Math.ceil(RETRY_BACKOFF_MS / 1000)) },
    );
  }

  /** Keeps every record: the buffer can pass its limit only by the executions admitted before it filled. */
  record(row: ExecutionRecord): void {
    this.useJournal((journal) => journal.append(row), undefined);
    this.buffer.push(row);
    if (this.buffer.length >= BATCH_ROWS && !this.flushing) void this.flush();
  }

  /**
   * Writes one record now, committed with its rollup, for a run whose end must be durable before
   * it counts as done (a run of a queued batch, which a retry of the batch then skips). False when
   * it was not written: that run of its batch was recorded already, by another attempt of the batch.
   */
  async recordNow(row: ExecutionRecord): Promise<boolean> {
    const written = await this.dataSource.transaction((manager) => write(manager, [row]));
    this.written.inc(written.length);
    return written.length === 1;
  }

  /**
   * Writes `rows` in a transaction of the caller's (`transaction` calls the writer it is given
   * with its manager), so they commit with its other writes. When it fails they are kept to be
   * written behind, as `record` keeps them: none is lost, and none counted twice (a row already
   * written is skipped).
   */
  async recordWithin(rows: ExecutionRecord[], transaction: (writeRows: (manager: EntityManager) => Promise<void>) => Promise<unknown>): Promise<void> {
    let written = 0;
    try {
      await transaction(async (manager) => void (written = (await write(manager, rows)).length));
    } catch (error) {
      for (const row of rows) this.record(row);
      throw error;
    }
    this.written.inc(written);
  }

  /**
   * Writes everything buffered so far. A call while a flush runs waits for it and then writes
   * what came in meanwhile; calls made meanwhile share that second flush.
   */
  flush(): Promise<void> {
    if (this.flushing) return (this.nextFlush ??= this.flushing.then(() => ((this.nextFlush = null), this.flush())));
    this.flushing = this.drain().finally(() => (this.flushing = null));
    return this.flushing;
  }

  /**
   * Writes the rows buffered when it began, then goes on only while a full batch is waiting: rows
   * that trickle in during a write wait for the next second's flush, so under steady load the
   * database sees a few large transactions a second instead of one per write's worth of rows.
   */
  private async drain(): Promise<void> {
    let owed = this.buffer.length;
    // The journal files whose rows are all in the buffer now (see RecordJournal.seal).
    const journalled = owed > 0 ? this.useJournal((journal) => journal.seal(), []) : [];
    while ((owed > 0 || this.buffer.length >= BATCH_ROWS) && this.canWrite) {
      const batch = this.buffer.slice(0, BATCH_ROWS);
      try {
        await this.dataSource.transaction((manager) => write(manager, batch));
        this.buffer.splice(0, batch.length);
        owed -= batch.length;
        this.written.inc(batch.length);
      } catch (error) {
        if (refusesItsRows(error)) {
          owed -= await this.writeOneByOne(batch);
          continue;
        }
        this.retryAt = Date.now() + RETRY_BACKOFF_MS;
        this.logger.warn(`could not write ${batch.length} execution records, retrying: ${(error as Error).message}`);
      }
    }
    if (owed <= 0) this.useJournal((journal) => journal.written(journalled), undefined);
  }

  /**
   * The batch the database refused for what a row holds: each row on its own, so one it can never
   * take is dropped (logged, counted) instead of holding back every record after it. Stops at a
   * failure of the database itself; returns how many rows left the buffer.
   */
  private async writeOneByOne(batch: ExecutionRecord[]): Promise<number> {
    let done = 0;
    for (const row of batch) {
      try {
        await this.dataSource.transaction(async (manager) => this.written.inc((await write(manager, [row])).length));
      } catch (error) {
        if (!refusesItsRows(error)) {
          this.retryAt = Date.now() + RETRY_BACKOFF_MS;
          break;
        }
        this.dropped.inc();
        this.logger.error(`execution record ${row.id} dropped: the database refuses it (${(error as Error).message})`);
      }
      done++;
    }
    this.buffer.splice(0, done);
    return done;
  }

  /** Rows wait, the database is up, and no failed write's backoff is running. */
  private get canWrite(): boolean {
    return this.buffer.length > 0 && this.dataSource.isInitialized && Date.now() >= this.retryAt;
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    clearInterval(this.heartbeat);
  }

  /** At a clean stop: one more try at everything buffered, reported if it still fails. */
  async flushAll(): Promise<void> {
    this.retryAt = 0;
    // Until nothing is left (rows recorded during a write included), or a write fails.
    while (this.canWrite) await this.flush();
    if (this.buffer.length > 0) this.logger.error(`${this.buffer.length} execution records could not be written at shutdown; they are kept in the record journal for the next start`);
    else this.useJournal((journal) => journal.close(), undefined);
  }
}

/** PostgreSQL refused the statement for the data it carried (SQLSTATE classes 22 and 23), not for its own state. */
function refusesItsRows(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^2[23]/.test(code);
}

/** Inserts the rows and counts in the rollups those written (a row already there is not counted again). */
async function write(manager: EntityManager, rows: ExecutionRecord[]): Promise<ExecutionRecord[]> {
  const written = await insertRecords(manager, rows);
  await addToRollups(manager, written);
  return written;
}

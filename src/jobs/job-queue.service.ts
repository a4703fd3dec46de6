import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { bossDb, type BossPool } from './boss-db';
import { JOBS_CHANNEL } from './queue-names';

export interface QueueOptions {
  /** Attempts after the first (a job whose worker died or whose handler threw). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** An active job past this is taken as lost (its worker died) and retried or failed. */
  expireInSeconds?: number;
  /** Where a job that failed for good is copied to. */
  deadLetter?: string;
}

export interface SendOptions {
  /** The job's id; sending the same id twice queues it once. */
  id?: string;
  expireInSeconds?: number;
  /** Higher first; equal ones in the order they were sent. */
  priority?: number;
  /** Whose job it is (an account): what `hold` and `releaseHeld` act on. */
  group?: string;
  /** Not fetched before this many seconds from now (and no worker is woken for it). */
  startAfterSeconds?: number;
}

export interface WorkOptions {
  /** Jobs this process works at once on the queue. */
  concurrency: number;
}

/** How a queue stands: jobs waiting to be fetched, jobs being worked, and how long the oldest waiting one has waited. */
export interface QueueBacklog {
  queue: string;
  waiting: number;
  active: number;
  oldestWaitingSeconds: number;
}

export interface QueuedJob<T> {
  id: string;
  data: T;
  priority: number;
}

/** A transaction that jobs can join: they commit, or vanish, with its other writes. */
export interface JobTransaction {
  manager: EntityManager;
  send(name: string, data: object, options?: SendOptions): Promise<string | null>;
  /** Announces `topic` to every process once the transaction commits (see JobQueue.until). */
  announce(topic: string): Promise<void>;
  /** Keeps the group's waiting jobs of a queue from being fetched for `seconds` (see JobQueue.releaseHeld). */
  hold(name: string, group: string, seconds: number): Promise<void>;
  /**
   * Replaces the members at `emptied` paths of the jobs' data (where they are present) with small
   * values: what a job that has done its work no longer needs is not kept with it (pg-boss keeps
   * a job's data until it deletes the job, days later).
   */
  lighten(name: string, ids: string[], emptied: EmptiedMember[]): Promise<void>;
  /**
   * Cancels the group's jobs of a queue not started yet whose data has `value` at `key` (a job
   * sent again under another id is found by what it carries), lightened as `lighten` does.
   */
  cancelWaiting(name: string, group: string, key: string, value: string, emptied: EmptiedMember[]): Promise<void>;
}

/** A member of a job's data and what it becomes. */
export interface EmptiedMember {
  path: string[];
  value: unknown;
}

const STOP_TIMEOUT_MS = 30_000;
const LISTEN_RETRY_MS = 1000;
/** Fallback fetch interval of an idle worker that no wake reached. */
const POLLING_INTERVAL_SECONDS = 2;

/** pg-boss's connection as pg's own shape: the rows of one statement, or of each of several. */
const sqlOf = (query: (text: string, values: unknown[]) => Promise<unknown>): PgBoss.Db => ({
  executeSql: (text, values) => query(text, values) as Promise<{ rows: unknown[] }>,
});

/**
 * A job's place among everyone's: minus the jobs its account already has waiting or running, so
 * each account's next job is fetched before anyone's later ones (one account's backlog delays
 * another's job by about one job per busy account, not by the backlog).
 */
export function fairPriority(pendingOfAccount: number): number {
  return -pendingOfAccount;
}

/** The jobs' data with `emptied` members replaced, its parameters appended to `values`. */
function lightened(emptied: EmptiedMember[], values: unknown[]): string {
  // jsonb_set with create_missing false: a member the data does not have stays absent.
  let data = 'data';
  for (const { path, value } of emptied) {
    values.push(path, JSON.stringify(value));
    data = `jsonb_set(${data}, $${values.length - 1}::text[], $${values.length}::jsonb, false)`;
  }
  return data;
}

async function lightenJobs(manager: EntityManager, name: string, ids: string[], emptied: EmptiedMember[]): Promise<void> {
  const values: unknown[] = [name, ids];
  await manager.query(`UPDATE pgboss.job SET data = ${lightened(emptied, values)} WHERE name = $1 AND id = ANY($2::uuid[])`, values);
}

/** As pg-boss's own cancel marks a job, for the jobs its id does not name. */
async function cancelWaitingJobs(manager: EntityManager, name: string, group: string, key: string, value: string, emptied: EmptiedMember[]): Promise<void> {
  const values: unknown[] = [name, group, key, value];
  await manager.query(
    `UPDATE pgboss.job SET state = 'cancelled', completed_on = now(), data = ${lightened(emptied, values)}
      WHERE name = $1 AND singleton_key = $2 AND state < 'active' AND data->>$3 = $4`,
    values,
  );
}

/** pg-boss fetches a job once `start_after` has passed: moving it later, never earlier, keeps a group's jobs back without reordering them. */
async function holdGroup(manager: EntityManager, name: string, group: string, seconds: number): Promise<void> {
  await manager.query(
    `UPDATE pgboss.job SET start_after = now() + make_interval(secs => $3)
      WHERE name = $1 AND singleton_key = $2 AND state < 'active' AND start_after < now() + make_interval(secs => $3)`,
    [name, group, seconds],
  );
}

const withoutUndefined = <T extends object>(object: T): T => Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;

/**
 * The durable job queue: pg-boss on the service's own PostgreSQL (or the embedded one), through
 * TypeORM's pool, so the embedded database's single connection is shared and a job can commit
 * in the caller's transaction. Idle workers are woken when a job commits — in this process
 * directly, in the others by NOTIFY — instead of waiting for their polling interval.
 */
@Injectable()
export class JobQueue implements OnModuleInit {
  private readonly logger = new Logger(JobQueue.name);
  private readonly boss: PgBoss;
  private readonly workers = new Map<string, string[]>();
  private readonly waiters = new Map<string, Set<() => void>>();
  private listener: Client | null = null;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const pool = (dataSource.driver as PostgresDriver).master as BossPool;
    this.boss = new PgBoss({
      db: bossDb(pool, (message) => this.logger.warn(message)),
      supervise: true,
      maintenanceIntervalSeconds: config.jobs.maintenanceIntervalSeconds,
      schedule: false,
    });
    this.boss.on('error', (error) => this.logger.warn(`job queue: ${error.message}`));
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    if (this.config.databaseUrl) await this.listen(this.config.databaseUrl);
  }

  async defineQueue(name: string, options: QueueOptions = {}): Promise<void> {
    // pg-boss checks which options are present, so an absent one must not be there as undefined.
    const queue = withoutUndefined({
      name,
      retryLimit: options.retryLimit,
      retryDelay: options.retryDelaySeconds,
      expireInSeconds: options.expireInSeconds,
      deadLetter: options.deadLetter,
    }) satisfies PgBoss.Queue;
    if (await this.boss.getQueue(name)) await this.boss.updateQueue(name, queue);
    else await this.boss.createQueue(name, queue);
  }

  /** The entity manager outside any transaction, for reads beside the queue's writes. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** Queues a job on its own, committed at once. */
  async send(name: string, data: object, options: SendOptions = {}): Promise<string | null> {
    return this.transaction((tx) => tx.send(name, data, options));
  }

  /** Runs `work` in a transaction whose jobs commit with it; idle workers are woken once it has committed. */
  async transaction<T>(work: (tx: JobTransaction) => Promise<T>): Promise<T> {
    const topics = new Set<string>();
    const later = new Map<string, number>();
    const notifying = this.config.databaseUrl !== null;
    const result = await this.dataSource.transaction(async (manager) => {
      const announce = async (topic: string): Promise<void> => {
        topics.add(topic);
        // NOTIFY is delivered at commit, and not at all on a rollback.
        if (notifying) await manager.query('SELECT pg_notify($1, $2)', [JOBS_CHANNEL, topic]);
      };
      const db = sqlOf(async (text, values) => ({ rows: (await manager.queryRunner!.query(text, values, true)).records }));
      return work({
        manager,
        send: async (name, data, { group, startAfterSeconds, ...options } = {}) => {
          if (startAfterSeconds === undefined) await announce(name);
          else later.set(name, Math.min(later.get(name) ?? Infinity, startAfterSeconds));
          const placed = withoutUndefined({ ...options, singletonKey: group, startAfter: startAfterSeconds });
          return this.boss.send(name, data, { ...placed, db });
        },
        hold: (name, group, seconds) => holdGroup(manager, name, group, seconds),
        lighten: (name, ids, emptied) => lightenJobs(manager, name, ids, emptied),
        cancelWaiting: (name, group, key, value, emptied) => cancelWaitingJobs(manager, name, group, key, value, emptied),
        announce,
      });
    });
    for (const topic of topics) this.deliver(topic);
    // A job sent to start later wakes this process's workers when it is due, rather than at their next poll.
    for (const [name, seconds] of later) setTimeout(() => this.wake(name), seconds * 1000).unref();
    return result;
  }

  /**
   * Waits until `check` gives a value: it is asked again whenever `topic` is announced, and at
   * least every `pollMs` (an announcement can be missed while the listening connection is down).
   * Null after `timeoutMs`, or once `signal` is aborted.
   */
  async until<T>(topic: string, check: () => Promise<T | null>, pollMs: number, timeoutMs: number, signal?: AbortSignal): Promise<T | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (signal?.aborted) return null;
      let heard!: () => void;
      const announced = new Promise<void>((resolve) => (heard = resolve));
      const listeners = this.waiters.get(topic) ?? new Set();
      listeners.add(heard);
      this.waiters.set(topic, listeners);
      // An abort wakes the wait as an announcement would; the loop's first check then ends it.
      signal?.addEventListener('abort', heard, { once: true });
      try {
        const value = await check();
        if (value !== null) return value;
        const left = deadline - Date.now();
        if (left <= 0) return null;
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([announced, new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.min(pollMs, left))))]);
        clearTimeout(timer);
      } finally {
        signal?.removeEventListener('abort', heard);
        listeners.delete(heard);
        if (listeners.size === 0) this.waiters.delete(topic);
      }
    }
  }

  /** A topic arrived (committed here, or NOTIFY from another process): wake that queue's workers and its waiters. */
  private deliver(topic: string): void {
    this.wake(topic);
    for (const heard of this.waiters.get(topic) ?? []) heard();
  }

  /** Works the queue's jobs with `concurrency` loops; a handler that throws has its job retried (or failed). */
  async work<T>(name: string, handler: (job: QueuedJob<T>) => Promise<unknown>, options: WorkOptions): Promise<void> {
    const ids: string[] = [];
    for (let i = 0; i < options.concurrency; i++) {
      // pg-boss waits its polling interval after every fetch unless notified meanwhile: a worker
      // that just had a job fetches again at once, and waits only when the queue is empty.
      const id: string = await this.boss.work<T>(name, { batchSize: 1, pollingIntervalSeconds: POLLING_INTERVAL_SECONDS, includeMetadata: true }, ([job]) =>
        handler(job).finally(() => this.boss.notifyWorker(id)),
      );
      ids.push(id);
    }
    this.workers.set(name, [...(this.workers.get(name) ?? []), ...ids]);
  }

  /**
   * Lets the group's first held job (by priority, then age) be fetched now, and wakes this
   * process's workers for it: what the group was waiting for (a concurrency slot) came free.
   */
  async releaseHeld(name: string, group: string): Promise<void> {
    const released: unknown[] = await this.dataSource.query(
      `UPDATE pgboss.job SET start_after = now()
        WHERE id = (SELECT id FROM pgboss.job
                     WHERE name = $1 AND singleton_key = $2 AND state < 'active' AND start_after > now()
                     ORDER BY priority DESC, created_on, id LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [name, group],
    );
    if (released.length > 0) this.wake(name);
  }

  /** Makes this process's idle workers of the queue fetch now. */
  wake(name: string): void {
    for (const id of this.workers.get(name) ?? []) this.boss.notifyWorker(id);
  }

  /** Jobs of a queue not yet finished: waiting (created, retry) and active. */
  async depth(name: string): Promise<number> {
    return this.boss.getQueueSize(name, { before: 'completed' });
  }

  /** Every queue's backlog, in one statement over pg-boss's tables (for /metrics). */
  async backlog(): Promise<QueueBacklog[]> {
    const rows: { queue: string; waiting: string; active: string; oldest: string | null }[] = await this.dataSource.query(`
      SELECT q.name AS queue,
             count(j.id) FILTER (WHERE j.state IN ('created', 'retry')) AS waiting,
             count(j.id) FILTER (WHERE j.state = 'active') AS active,
             extract(epoch FROM now() - min(j.created_on) FILTER (WHERE j.state IN ('created', 'retry'))) AS oldest
        FROM pgboss.queue q
        LEFT JOIN pgboss.job j ON j.name = q.name AND j.state < 'completed'
       GROUP BY q.name`);
    return rows.map((row) => ({ queue: row.queue, waiting: Number(row.waiting), active: Number(row.active), oldestWaitingSeconds: Math.max(0, Number(row.oldest ?? 0)) }));
  }

  /** At a clean stop: no new job is fetched, the ones being worked finish (up to a timeout). */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    await this.listener?.end().catch(() => undefined);
    await this.boss.stop({ graceful: true, wait: true, close: false, timeout: STOP_TIMEOUT_MS });
  }

  /** A connection of its own that hears NOTIFY from every process; it reconnects when it drops. */
  private async listen(url: string): Promise<void> {
    const client = new Client({ connectionString: url });
    client.on('notification', (message) => message.payload && this.deliver(message.payload));
    client.on('error', (error) => {
      this.logger.warn(`job wake-ups lost, reconnecting: ${error.message}`);
      this.relisten(url);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${JOBS_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      this.logger.warn(`cannot listen for job wake-ups (polling meanwhile): ${(error as Error).message}`);
      this.relisten(url);
    }
  }

  private relisten(url: string): void {
    if (this.stopping) return;
    setTimeout(() => void this.listen(url), LISTEN_RETRY_MS).unref();
  }
}

import { EntityManager } from 'typeorm';
import { ranInSandbox } from '../common/execution-statuses';
import { storableText } from '../http/field-rules';
import { HISTOGRAM_BASE_MS, HISTOGRAM_RATIO } from './duration-histogram';
import type { ExecutionRecord } from '../schema/execution-record.entity';

/** Rollups key rows without a key (none today, but the column allows it) under the nil UUID. */
export const NO_KEY = '00000000-0000-0000-0000-000000000000';
const HOUR_MS = 3_600_000;
const LOG_RATIO = Math.log(HISTOGRAM_RATIO);

/** The same bin as BIN_SQL computes in Postgres. */
export function durationBin(record: Pick<ExecutionRecord, 'status' | 'durationMs'>): number {
  if (!ranInSandbox(record.status)) return -1;
  return Math.floor(Math.log(Math.max(record.durationMs, HISTOGRAM_BASE_MS) / HISTOGRAM_BASE_MS) / LOG_RATIO);
}

interface RollupRow {
  account_id: string;
  key_id: string;
  hour: Date;
  status: string;
  bin: number;
  count: number;
  input_bytes: number;
  output_bytes: number;
}

/** Adds a batch of execution records to the hourly rollups (call inside the batch's transaction). */
export async function addToRollups(manager: EntityManager, records: ExecutionRecord[]): Promise<void> {
  const rows = new Map<string, RollupRow>();
  for (const record of records) {
    const hour = new Date(Math.floor(record.createdAt.getTime() / HOUR_MS) * HOUR_MS);
    const keyId = record.keyId ?? NO_KEY;
    const bin = durationBin(record);
    const id = `${record.accountId}|${keyId}|${hour.getTime()}|${record.status}|${bin}`;
    const row = rows.get(id) ?? { account_id: record.accountId, key_id: keyId, hour, status: record.status, bin, count: 0, input_bytes: 0, output_bytes: 0 };
    row.count += 1;
    row.input_bytes += record.inputBytes;
    row.output_bytes += record.stdoutBytes + record.stderrBytes + record.outputFileBytes;
    rows.set(id, row);
  }
  if (rows.size === 0) return;
  await manager.query(
    `INSERT INTO usage_rollups (account_id, key_id, hour, status, bin, count, input_bytes, output_bytes)
     SELECT * FROM jsonb_to_recordset($1::jsonb)
       AS r(account_id uuid, key_id uuid, hour timestamptz, status text, bin int, count int, input_bytes bigint, output_bytes bigint)
     -- In the primary key's order: two writes of rows in common lock them in the same order,
     -- where in their records' orders two batches of an account deadlocked (one answered 500).
     ORDER BY account_id, hour, key_id, status, bin
     ON CONFLICT (account_id, hour, key_id, status, bin) DO UPDATE SET
       count = usage_rollups.count + excluded.count,
       input_bytes = usage_rollups.input_bytes + excluded.input_bytes,
       output_bytes = usage_rollups.output_bytes + excluded.output_bytes`,
    [JSON.stringify([...rows.values()])],
  );
}

/**
 * One statement for a whole batch of execution rows (a query builder spent more time building
 * the INSERT than Postgres spent running it). A row already written (a retried write, or a run of
 * a batch that an earlier attempt of the batch recorded) is skipped: the rows written are returned.
 */
export async function insertRecords(manager: EntityManager, records: ExecutionRecord[]): Promise<ExecutionRecord[]> {
  // A batch that ends before any run (refused as it starts) has nothing to send.
  if (records.length === 0) return [];
  // An error may quote the guest (a module's import names hold any UTF-8, U+0000 too): a row
  // PostgreSQL refuses would hold back its whole batch, and every later one, for good.
  const rows = records.map((r) => ({
    id: r.id,
    account_id: r.accountId,
    key_id: r.keyId,
    module_sha256: r.moduleSha256,
    module_id: r.moduleId,
    status: r.status,
    exit_code: r.exitCode,
    duration_ms: r.durationMs,
    queue_ms: r.queueMs,
    memory_peak_bytes: r.memoryPeakBytes,
    input_bytes: r.inputBytes,
    stdout_bytes: r.stdoutBytes,
    stderr_bytes: r.stderrBytes,
    output_file_count: r.outputFileCount,
    output_file_bytes: r.outputFileBytes,
    error: r.error === null ? null : storableText(r.error),
    clock: r.clock,
    random_seed: r.randomSeed,
    created_at: r.createdAt,
    started_at: r.startedAt ?? null,
    finished_at: r.finishedAt ?? null,
    batch_id: r.batchId ?? null,
    batch_index: r.batchIndex ?? null,
    result: r.result ?? null,
    limits: r.limits ?? null,
  }));
  const written: { id: string }[] = await manager.query(
    `INSERT INTO executions (id, account_id, key_id, module_sha256, module_id, status, exit_code, duration_ms, queue_ms,
                             memory_peak_bytes, input_bytes, stdout_bytes, stderr_bytes, output_file_count, output_file_bytes,
                             error, clock, random_seed, created_at, started_at, finished_at, batch_id, batch_index, result, limits)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, account_id uuid, key_id uuid, module_sha256 text, module_id uuid,
       status text, exit_code int, duration_ms float8, queue_ms float8, memory_peak_bytes bigint, input_bytes bigint,
       stdout_bytes bigint, stderr_bytes bigint, output_file_count int, output_file_bytes bigint, error text, clock text, random_seed bigint, created_at timestamptz,
       started_at timestamptz, finished_at timestamptz, batch_id uuid, batch_index int, result jsonb, limits jsonb)
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [JSON.stringify(rows)],
  );
  const ids = new Set(written.map((row) => row.id));
  return records.filter((record) => ids.has(record.id));
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { badRequest } from '../http/problem';
import { AGGREGATES, AggregateRow, scopeFilter, UsageScope } from './usage-sql';

const MAX_BUCKETS = 2000;
const DAY_MS = 86_400_000;

export interface UsageFigures {
  executions: number;
  byStatus: Record<string, number>;
  durationMs: { p50: number | null; p95: number | null; p99: number | null };
  inputBytes: number;
  outputBytes: number;
}

export interface UsageReport {
  from: Date;
  to: Date;
  bucket: 'hour' | 'day';
  keyId: string | null;
  totals: UsageFigures;
  series: (UsageFigures & { start: Date })[];
  byKey?: (UsageFigures & { keyId: string | null })[];
}

export interface UsageRange {
  from?: Date;
  to?: Date;
  bucket: 'hour' | 'day';
}

function figures(row: AggregateRow | undefined, byStatus: Record<string, number>): UsageFigures {
  const [p50, p95, p99] = row?.duration_percentiles ?? [null, null, null];
  return {
    executions: row?.executions ?? 0,
    byStatus,
    durationMs: { p50: round(p50), p95: round(p95), p99: round(p99) },
    inputBytes: row?.input_bytes ?? 0,
    outputBytes: row?.output_bytes ?? 0,
  };
}

function round(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(value * 1000) / 1000;
}

/** Groups rows of (group, status, count) into a status map per group. */
function statusesBy<K>(rows: { status: string; count: number }[], keyOf: (row: any) => K): Map<K, Record<string, number>> {
  const map = new Map<K, Record<string, number>>();
  for (const row of rows) {
    const key = keyOf(row);
    const statuses = map.get(key) ?? {};
    statuses[row.status] = row.count;
    map.set(key, statuses);
  }
  return map;
}

@Injectable()
export class UsageService {
  constructor(private readonly dataSource: DataSource) {}

  /** Checks and fills in a range: default the last 24 hours; not more buckets than a chart can use. */
  resolveRange(range: UsageRange): { from: Date; to: Date } {
    const to = range.to ?? new Date();
    const from = range.from ?? new Date(to.getTime() - DAY_MS);
    if (from >= to) throw badRequest('invalid_range', '`from` must be before `to`', { field: 'from' });
    const buckets = (to.getTime() - from.getTime()) / (range.bucket === 'hour' ? 3_600_000 : DAY_MS);
    if (buckets > MAX_BUCKETS) {
      throw badRequest('invalid_range', `The range spans ${Math.ceil(buckets)} ${range.bucket}s; at most ${MAX_BUCKETS} are allowed`, { field: 'from' });
    }
    return { from, to };
  }

  async report(scope: UsageScope, bucket: 'hour' | 'day', byKey: boolean): Promise<UsageReport> {
    const { where, params } = scopeFilter(scope);
    const bucketParam = `$${params.length + 1}`;
    const [totals, statuses, series, seriesStatuses, keys, keyStatuses] = await Promise.all([
      this.dataSource.query(`SELECT ${AGGREGATES} FROM executions WHERE ${where}`, params),
      this.dataSource.query(`SELECT status, count(*)::int AS count FROM executions WHERE ${where} GROUP BY status`, params),
      this.dataSource.query(
        `SELECT date_trunc(${bucketParam}, created_at, 'UTC') AS start, ${AGGREGATES} FROM executions WHERE ${where} GROUP BY 1 ORDER BY 1`,
        [...params, bucket],
      ),
      this.dataSource.query(
        `SELECT date_trunc(${bucketParam}, created_at, 'UTC') AS start, status, count(*)::int AS count FROM executions WHERE ${where} GROUP BY 1, 2`,
        [...params, bucket],
      ),
      byKey ? this.dataSource.query(`SELECT key_id, ${AGGREGATES} FROM executions WHERE ${where} GROUP BY key_id ORDER BY 2 DESC`, params) : [],
      byKey ? this.dataSource.query(`SELECT key_id, status, count(*)::int AS count FROM executions WHERE ${where} GROUP BY 1, 2`, params) : [],
    ]);
    const seriesStatus = statusesBy(seriesStatuses, (row) => new Date(row.start).getTime());
    const keyStatus = statusesBy(keyStatuses, (row) => row.key_id);
    return {
      from: scope.from,
      to: scope.to,
      bucket,
      keyId: scope.keyId,
      totals: figures(totals[0], statusesBy(statuses, () => 'all').get('all') ?? {}),
      series: series.map((row: AggregateRow & { start: Date }) => ({
        start: new Date(row.start),
        ...figures(row, seriesStatus.get(new Date(row.start).getTime()) ?? {}),
      })),
      ...(byKey
        ? { byKey: keys.map((row: AggregateRow & { key_id: string | null }) => ({ keyId: row.key_id, ...figures(row, keyStatus.get(row.key_id) ?? {}) })) }
        : {}),
    };
  }

  /** Admin: totals across accounts and the busiest accounts and keys. */
  async overview(from: Date, to: Date, top: number) {
    const params = [from, to, top];
    const [totals, statuses, accounts, keys] = await Promise.all([
      this.dataSource.query(`SELECT ${AGGREGATES} FROM executions WHERE created_at >= $1 AND created_at < $2`, params.slice(0, 2)),
      this.dataSource.query(`SELECT status, count(*)::int AS count FROM executions WHERE created_at >= $1 AND created_at < $2 GROUP BY status`, params.slice(0, 2)),
      this.dataSource.query(
        `SELECT e.account_id, a.name, a.tier, count(*)::int AS executions, coalesce(sum(e.duration_ms), 0)::float8 AS duration_ms
           FROM executions e LEFT JOIN accounts a ON a.id = e.account_id
          WHERE e.created_at >= $1 AND e.created_at < $2 GROUP BY 1, 2, 3 ORDER BY 4 DESC LIMIT $3`,
        params,
      ),
      this.dataSource.query(
        `SELECT e.key_id, k.prefix, e.account_id, count(*)::int AS executions
           FROM executions e LEFT JOIN api_keys k ON k.id = e.key_id
          WHERE e.created_at >= $1 AND e.created_at < $2 GROUP BY 1, 2, 3 ORDER BY 4 DESC LIMIT $3`,
        params,
      ),
    ]);
    return {
      from,
      to,
      totals: figures(totals[0], statusesBy(statuses, () => 'all').get('all') ?? {}),
      topAccounts: accounts.map((row: { account_id: string; name: string | null; tier: string | null; executions: number; duration_ms: number }) => ({
        accountId: row.account_id,
        name: row.name,
        tier: row.tier,
        executions: row.executions,
        totalDurationMs: round(row.duration_ms),
      })),
      topKeys: keys.map((row: { key_id: string | null; prefix: string | null; account_id: string; executions: number }) => ({
        keyId: row.key_id,
        prefix: row.prefix,
        accountId: row.account_id,
        executions: row.executions,
      })),
    };
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound, problem } from '../http/problem';
import { ApiKey } from '../schema/api-key.entity';
import { FiguresBuilder, figuresBy } from './usage-figures';
import { UsageCell, usageCellsQuery, UsageScope } from './usage-sql';
import { UsageBucket, UsageOverview, UsageReport } from './usage-views';

const MAX_BUCKETS = 2000;
const DAY_MS = 86_400_000;

export interface UsageRange {
  from?: Date;
  to?: Date;
  bucket: UsageBucket;
}

/** A range's `from` comes before its `to` (either may be left out: then there is nothing to compare). */
export function assertInOrder(from: Date | undefined, to: Date | undefined): void {
  if (from && to && from >= to) throw problem('invalid_range', '`from` must be before `to`', { field: 'from' });
}

@Injectable()
export class UsageService {
  constructor(private readonly dataSource: DataSource) {}

  /** Checks and fills in a range: default the last 24 hours; not more buckets than a chart can use. */
  resolveRange(range: UsageRange): { from: Date; to: Date } {
    const to = range.to ?? new Date();
    const from = range.from ?? new Date(to.getTime() - DAY_MS);
    assertInOrder(from, to);
    const buckets = (to.getTime() - from.getTime()) / (range.bucket === 'hour' ? 3_600_000 : DAY_MS);
    if (buckets > MAX_BUCKETS) {
      throw problem('invalid_range', `The range spans ${Math.ceil(buckets)} ${range.bucket}s; at most ${MAX_BUCKETS} are allowed`, { field: 'from' });
    }
    return { from, to };
  }

  async report(scope: UsageScope, bucket: UsageBucket, byKey: boolean): Promise<UsageReport> {
    // Another account's key is not there to report on: 404, as its other routes answer.
    if (scope.keyId && !(await this.dataSource.getRepository(ApiKey).existsBy({ id: scope.keyId, accountId: scope.accountId ?? undefined }))) throw notFound('Key', scope.keyId);
    const { sql, params } = usageCellsQuery(scope, bucket, byKey);
    const cells: UsageCell[] = await this.dataSource.query(sql, params);
    const totals = figuresBy(cells, () => 'all').get('all') ?? new FiguresBuilder().build();
    const series = [...figuresBy(cells, (cell) => new Date(cell.start).getTime())]
      .sort(([a], [b]) => a - b)
      .map(([start, figures]) => ({ start: new Date(start), ...figures }));
    const report: UsageReport = { from: scope.from, to: scope.to, bucket, keyId: scope.keyId, totals, series };
    if (byKey) {
      report.byKey = [...figuresBy(cells, (cell) => cell.key_id)]
        .map(([keyId, figures]) => ({ keyId, ...figures }))
        .sort((a, b) => b.executions - a.executions);
    }
    return report;
  }

  /** Admin: totals across accounts and the busiest accounts and keys. */
  async overview(from: Date, to: Date, top: number): Promise<UsageOverview> {
    const params = [from, to, top];
    const totalsQuery = usageCellsQuery({ accountId: null, keyId: null, from, to }, 'day', false);
    const [cells, accounts, keys] = await Promise.all([
      this.dataSource.query(totalsQuery.sql, totalsQuery.params) as Promise<UsageCell[]>,
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
      totals: figuresBy(cells, () => 'all').get('all') ?? new FiguresBuilder().build(),
      topAccounts: accounts.map((row: { account_id: string; name: string | null; tier: string | null; executions: number; duration_ms: number }) => ({
        accountId: row.account_id,
        name: row.name,
        tier: row.tier,
        executions: row.executions,
        totalDurationMs: Math.round(row.duration_ms),
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

import type { UsageBucket } from './usage-views';
import { BIN_SQL } from './duration-histogram';

/**
 * The SQL behind usage. Whole hours come from usage_rollups (a few rows per hour, however many
 * executions); the partial hours at either end of the range come from the executions table
 * through its covering index. Both give cells of (bucket start, status, key, duration bin).
 */

export interface UsageScope {
  accountId: string | null;
  keyId: string | null;
  from: Date;
  to: Date;
}

export interface UsageCell {
  start: Date;
  status: string;
  key_id: string | null;
  bin: number;
  count: number;
  input_bytes: number;
  output_bytes: number;
}

const HOUR_MS = 3_600_000;

function conditions(scope: UsageScope, params: unknown[]): string[] {
  const where: string[] = [];
  if (scope.accountId) {
    params.push(scope.accountId);
    where.push(`account_id = $${params.length}`);
  }
  if (scope.keyId) {
    params.push(scope.keyId);
    where.push(`key_id = $${params.length}`);
  }
  return where;
}

export function usageCellsQuery(scope: UsageScope, bucket: UsageBucket, byKey: boolean): { sql: string; params: unknown[] } {
  const firstHour = new Date(Math.ceil(scope.from.getTime() / HOUR_MS) * HOUR_MS);
  const lastHour = new Date(Math.max(firstHour.getTime(), Math.floor(scope.to.getTime() / HOUR_MS) * HOUR_MS));
  const params: unknown[] = [scope.from, scope.to, bucket, firstHour, lastHour];
  const filters = conditions(scope, params);
  const filter = filters.length ? `AND ${filters.join(' AND ')}` : '';
  const key = byKey ? 'key_id' : 'NULL::uuid';
  const sql = `
    SELECT start, status, key_id, bin, sum(count)::int AS count, sum(input_bytes)::float8 AS input_bytes, sum(output_bytes)::float8 AS output_bytes
      FROM (
        SELECT date_trunc($3, hour, 'UTC') AS start, status, ${key} AS key_id, bin, count, input_bytes, output_bytes
          FROM usage_rollups
         WHERE hour >= $4 AND hour < $5 ${filter}
        UNION ALL
        SELECT date_trunc($3, created_at, 'UTC'), status, ${key}, ${BIN_SQL}, 1, input_bytes, stdout_bytes + stderr_bytes + output_file_bytes
          FROM executions
         WHERE ((created_at >= $1 AND created_at < least($4, $2)) OR (created_at >= greatest($5, $1) AND created_at < $2)) ${filter}
      ) AS cells
     GROUP BY 1, 2, 3, 4`;
  return { sql, params };
}

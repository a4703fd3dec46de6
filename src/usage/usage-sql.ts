/**
 * The SQL behind usage. Every query filters on (account_id, created_at) or (key_id, created_at),
 * the leading columns of the covering indexes, so it is answered from the index alone.
 */

export interface UsageScope {
  accountId: string | null;
  keyId: string | null;
  from: Date;
  to: Date;
}

export function scopeFilter(scope: UsageScope): { where: string; params: unknown[] } {
  const params: unknown[] = [scope.from, scope.to];
  const conditions = ['created_at >= $1', 'created_at < $2'];
  if (scope.accountId) {
    params.push(scope.accountId);
    conditions.push(`account_id = $${params.length}`);
  }
  if (scope.keyId) {
    params.push(scope.keyId);
    conditions.push(`key_id = $${params.length}`);
  }
  return { where: conditions.join(' AND '), params };
}

/** Counts, byte sums and duration percentiles (invalid modules never ran, so they have no duration). */
export const AGGREGATES = `
  count(*)::int AS executions,
  coalesce(sum(input_bytes), 0)::float8 AS input_bytes,
  coalesce(sum(stdout_bytes + stderr_bytes), 0)::float8 AS output_bytes,
  percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY duration_ms)
    FILTER (WHERE status <> 'invalid_module') AS duration_percentiles`;

export interface AggregateRow {
  executions: number;
  input_bytes: number;
  output_bytes: number;
  duration_percentiles: number[] | null;
}

export interface StatusCountRow {
  status: string;
  count: number;
}

/**
 * How fast usage answers for an account with a million execution rows (issue: "well under a
 * second"). Run: npm run build && node dist/test/bench/usage-scale.js [rows]
 */
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { BIN_SQL } from '../../src/usage/duration-histogram';
import { NO_KEY } from '../../src/usage/usage-rollup';
import { call, startTestApp } from '../support/test-app';

const STATUSES = `(ARRAY['success','success','success','success','exit_error','trap','time_limit_exceeded','invalid_module'])`;

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const service = await startTestApp();
  try {
    const { key, id, accountId } = await service.createKey('pro');
    const dataSource = service.app.get(DataSource);
    const loadStarted = performance.now();
    await dataSource.query(
      `INSERT INTO executions (id, account_id, key_id, status, duration_ms, input_bytes, stdout_bytes, created_at)
         SELECT gen_random_uuid(), $1, $2, ${STATUSES}[1 + (i % 8)], random() * 50, (random() * 4096)::int, (random() * 1024)::int,
                now() - (random() * interval '23 hours')
           FROM generate_series(1, $3) AS i`,
      [accountId, id, rows],
    );
    // Other accounts' rows around it, as in a shared database.
    await dataSource.query(
      `INSERT INTO executions (id, account_id, status, created_at)
         SELECT gen_random_uuid(), gen_random_uuid(), 'success', now() - (random() * interval '24 hours') FROM generate_series(1, $1)`,
      [Math.floor(rows / 4)],
    );
    // What the usage writer does batch by batch, done here once for the rows loaded by SQL.
    await dataSource.query(
      `INSERT INTO usage_rollups (account_id, key_id, hour, status, bin, count, input_bytes, output_bytes)
       SELECT account_id, coalesce(key_id, '${NO_KEY}'), date_trunc('hour', created_at, 'UTC'), status, ${BIN_SQL},
              count(*), sum(input_bytes), sum(stdout_bytes + stderr_bytes)
         FROM executions GROUP BY 1, 2, 3, 4, 5`,
    );
    await dataSource.query('VACUUM ANALYZE executions');
    await dataSource.query('VACUUM ANALYZE usage_rollups');
    console.log(`loaded ${rows} rows for one account in ${Math.round(performance.now() - loadStarted)} ms`);
    const cases: [string, string][] = [
      ['last 24 h, hourly (default)', '/api/v1/usage'],
      ['last 24 h, by key', '/api/v1/usage?groupBy=key'],
      ['one key', `/api/v1/usage?keyId=${id}`],
      ['30 days, daily', `/api/v1/usage?bucket=day&from=${new Date(Date.now() - 30 * 86_400_000).toISOString()}`],
    ];
    for (const [label, path] of cases) {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const response = await call(service.url, 'GET', path, key);
        times.push(performance.now() - started);
        if (response.status !== 200 || response.body.totals.executions < rows) throw new Error(`${label}: ${JSON.stringify(response.body).slice(0, 300)}`);
      }
      times.sort((a, b) => a - b);
      console.log(`${label.padEnd(30)} median ${times[2].toFixed(0)} ms, max ${times[4].toFixed(0)} ms`);
    }
  } finally {
    await service.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

import { execFileSync } from 'node:child_process';
import { Client } from 'pg';

/**
 * The whole database as text: pg_dump where its major version matches the server's, else (PGlite
 * is a newer major than the machine's pg_dump) every row of every table, as pg_dump would list
 * them. One connection at a time: the embedded server accepts a single client beside the service.
 */
export async function dumpDatabase(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const serverMajor = Math.floor(Number((await client.query('SHOW server_version_num')).rows[0].server_version_num) / 10000);
    const dumpMajor = Number(/(\d+)\.\d+/.exec(execFileSync('pg_dump', ['--version']).toString())?.[1]);
    if (serverMajor === dumpMajor) {
      await client.end();
      return execFileSync('pg_dump', ['--data-only', url], { maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    }
    return await dumpRows(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function dumpRows(client: Client): Promise<string> {
  const tables = await client.query<{ name: string }>(
    `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name
       FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  const parts: string[] = [];
  for (const { name } of tables.rows) {
    const rows = await client.query(`SELECT * FROM ${name}`);
    parts.push(`-- ${name}`, ...rows.rows.map((row) => JSON.stringify(row)));
  }
  return parts.join('\n');
}

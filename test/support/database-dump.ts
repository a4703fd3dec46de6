import { execFileSync } from 'node:child_process';
import { Client } from 'pg';

/**
 * The whole database as text: pg_dump where its version matches the server, else (PGlite is a
 * newer major than the machine's pg_dump) every row of every table, as pg_dump would list them.
 */
export async function dumpDatabase(url: string): Promise<string> {
  try {
    return execFileSync('pg_dump', ['--data-only', url], { maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  } catch (error) {
    if (!/version mismatch/.test(String((error as { stderr?: Buffer }).stderr ?? ''))) throw error;
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
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
  } finally {
    await client.end();
  }
}

/** Facts about the machine the bench runs on: what listens, how much memory a process holds, server versions. */
import Redis from 'ioredis';
import { readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { Client } from 'pg';

/** Whether something listens on 127.0.0.1:`port`. */
export function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => (socket.end(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** A process's resident memory now (VmRSS) or at its highest (VmHWM), in bytes. */
export function memoryOf(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
}

/** The versions of the PostgreSQL and (when reachable) Redis servers the bench runs against. */
export async function versions(databaseUrl: string, redisUrl: string | null): Promise<{ postgres: string; redis: string | null }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const postgres = (await client.query('SHOW server_version')).rows[0].server_version as string;
  await client.end();
  if (!redisUrl) return { postgres, redis: null };
  const connection = new Redis(redisUrl, { lazyConnect: true });
  await connection.connect();
  const info = await connection.info('server');
  connection.disconnect();
  return { postgres, redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown' };
}

/**
 * Reads the Redis server's `total_reads_processed`: each is one read of a client's socket, so the
 * difference over a load, per execution, is the Redis round trips an execution costs (commands
 * pipelined together in one write count once; the bench's own INFO counts too).
 */
export async function redisReadCounter(redisUrl: string): Promise<{ reads(): Promise<number>; close(): void }> {
  const connection = new Redis(redisUrl, { lazyConnect: true });
  await connection.connect();
  const reads = async () => Number(/total_reads_processed:(\d+)/.exec(await connection.info('stats'))?.[1] ?? NaN);
  return { reads, close: () => connection.disconnect() };
}

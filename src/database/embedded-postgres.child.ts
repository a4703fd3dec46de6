/**
 * Child process of the embedded PostgreSQL (see embedded-postgres.ts).
 *
 * Runs PGlite (Postgres compiled to WebAssembly) on a data directory and
 * serves it to ordinary Postgres clients through @electric-sql/pglite-socket
 * on 127.0.0.1, on a port the OS picks. It lives in its own process because
 * the service's main process caps every WebAssembly memory with
 * --wasm-max-mem-pages (the sandbox ceiling), which would starve PGlite.
 *
 * Protocol with the parent (IPC, JSON):
 *   argv[2]        JSON ChildConfig
 *   child → parent { type: 'ready', ready: true, port, maxConnections }
 *                  { type: 'failed', ready: false, error }
 *   parent → child { type: 'stop' }
 * The child also shuts down cleanly (server closed, PGlite closed and flushed)
 * on SIGTERM and when the IPC channel goes away (parent died), then exits.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, type Extension } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

// The subpath is only declared in the package's "exports" map, which the
// project's moduleResolution ("node") does not read for types; Node resolves
// it fine at run time.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pgcrypto } = require('@electric-sql/pglite/contrib/pgcrypto') as { pgcrypto: Extension };

export interface ChildConfig {
  dataDir: string;
  host: string;
  /**
   * Connections the socket server accepts at once. More than one client using
   * connections concurrently is unsafe (see embedded-postgres.ts); the parent
   * asks for one plus a spare for reconnects.
   */
  maxConnections: number;
}

export type ChildMessage =
  | { type: 'ready'; ready: true; port: number; maxConnections: number }
  | { type: 'failed'; ready: false; error: string };

export type ParentMessage = { type: 'stop' };

export const LOCK_FILE = 'embedded-postgres.lock';

function send(message: ChildMessage): void {
  if (process.connected && process.send) process.send(message);
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** True when a process with this pid exists (EPERM: exists, owned by someone else). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite does not lock its data directory: two processes opening the same one
 * corrupt it. Take an exclusive lock file (pid inside); a lock left behind by a
 * dead process is taken over.
 */
function acquireLock(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
        } catch {
          /* already gone */
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
        throw new Error(`data directory ${dataDir} is in use by another embedded Postgres (pid ${owner}, ${path})`);
      }
      unlinkSync(path); // stale
    }
  }
  throw new Error(`could not take the lock ${path}`);
}

const SHUTDOWN_DEADLINE_MS = 10_000;

let db: PGlite | undefined;
let server: PGLiteSocketServer | undefined;
let releaseLock: (() => void) | undefined;
let stopping: Promise<void> | undefined;

function shutdown(reason: string, code = 0): Promise<void> {
  stopping ??= (async () => {
    process.stderr.write(`embedded postgres: stopping (${reason})\n`);
    // A parent that went away must never leave this process behind, even if closing hangs.
    setTimeout(() => process.exit(code || 1), SHUTDOWN_DEADLINE_MS);
    try {
      if (server) await server.stop();
    } catch (error) {
      process.stderr.write(`embedded postgres: closing the socket server failed: ${describe(error)}\n`);
    }
    try {
      if (db) {
        await db.waitReady; // a stop during initdb waits for it rather than tearing it
        // Shuts Postgres down and flushes: the data directory is consistent afterwards.
        if (!db.closed) await db.close();
      }
    } catch (error) {
      code = 1;
      process.stderr.write(`embedded postgres: closing PGlite failed: ${describe(error)}\n`);
    }
    releaseLock?.();
    process.exit(code);
  })();
  return stopping;
}

function fail(error: unknown): void {
  const text = describe(error);
  process.stderr.write(`embedded postgres: ${text}\n`);
  send({ type: 'failed', ready: false, error: text });
  void shutdown('error', 1);
}

async function main(): Promise<void> {
  const raw = process.argv[2];
  if (!raw || !process.send) {
    throw new Error('embedded-postgres.child must be started by startEmbeddedPostgres() (fork with IPC and a config argument)');
  }
  const config = JSON.parse(raw) as ChildConfig;

  process.on('message', (message: ParentMessage) => {
    if (message?.type === 'stop') void shutdown('stop requested');
  });
  process.on('disconnect', () => void shutdown('parent went away'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // Ctrl-C reaches the whole foreground process group: leave it to the parent,
  // which stops us in order (or disconnects when it dies).
  process.on('SIGINT', () => {
    if (!process.connected) void shutdown('SIGINT');
  });
  process.on('exit', () => releaseLock?.());

  mkdirSync(config.dataDir, { recursive: true });
  releaseLock = acquireLock(config.dataDir);

  db = new PGlite(config.dataDir, { extensions: { pgcrypto } });
  await db.waitReady;
  if (stopping) return;

  server = new PGLiteSocketServer({
    db,
    host: config.host,
    port: 0, // the OS picks a free port; start() records the real one
    maxConnections: config.maxConnections,
  });
  await server.start();
  if (stopping) return;
  const port = Number(server.getServerConn().split(':').pop());
  if (!Number.isInteger(port) || port <= 0) throw new Error(`socket server reported no port (${server.getServerConn()})`);
  server.addEventListener('error', (event) => {
    process.stderr.write(`embedded postgres: socket server error: ${describe((event as CustomEvent).detail)}\n`);
  });

  send({ type: 'ready', ready: true, port, maxConnections: config.maxConnections });
}

process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

main().catch(fail);

/**
 * Embedded PostgreSQL for machines with no DATABASE_URL: PGlite (Postgres in
 * WebAssembly) persisted in a data directory, served to the ordinary `pg`
 * driver (and so to TypeORM) by @electric-sql/pglite-socket on a private
 * 127.0.0.1 port.
 *
 * PGlite runs in a forked child process (embedded-postgres.child.js), never in
 * the service's main process: the main process caps every WebAssembly memory
 * with --wasm-max-mem-pages (the sandbox ceiling), which would starve PGlite.
 *
 * Connections: ONE at a time. PGlite is a single Postgres session; the socket
 * server's "multiplexer" (maxConnections > 1) queues the protocol messages of
 * all connections one by one, so when a backlog builds up (for instance
 * behind a connection holding a transaction) the Parse/Bind/Execute messages
 * of different connections interleave and their unnamed statements and
 * portals collide: measured with pg (10 pooled connections mixing
 * parameterised queries and transactions) as `portal "" does not exist`
 * errors and hung queries, none with one connection. So the server is run
 * for a single client and the caller sizes its pool to `maxConnections` (1):
 * pg `max`, TypeORM `extra: { max: embedded.maxConnections }`; the pool queues
 * the rest. (The server accepts one extra connection so that a pool replacing
 * a closed connection is not refused while the old socket is still closing.)
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { compiledFile } from '../paths';
import type { ChildConfig, ChildMessage, ParentMessage } from './embedded-postgres.child';

export interface EmbeddedPostgresOptions {
  /**
   * Directory PGlite keeps its cluster in (created if missing). Give it a
   * directory of its own, e.g. join(DATA_DIR, 'postgres').
   */
  dataDir: string;
  /** Receives the child's output and lifecycle lines. */
  log?: (line: string) => void;
  /** How long to wait for the child to be ready; default 120 s (initdb on an empty directory takes several seconds). */
  startTimeoutMs?: number;
  /** How long stop() waits for a clean shutdown before killing the child; default 30 s. */
  stopTimeoutMs?: number;
}

export interface EmbeddedPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres (no password; PGlite accepts any user name). */
  url: string;
  /** Pool size to use (pg `max`, TypeORM `extra.max`): 1, see above. */
  maxConnections: number;
  /** Pid of the child process that runs PGlite. */
  pid: number;
  /** Closes PGlite cleanly (flushed to disk) and waits for the child to exit; kills it after stopTimeoutMs. */
  stop(): Promise<void>;
}

const CHILD_FILE = compiledFile('src', 'database', 'embedded-postgres.child');
const HOST = '127.0.0.1';
/** Connections a client may use at once (see the header). */
const MAX_CONNECTIONS = 1;
/** The server accepts one more, for a pool replacing a connection whose socket is still closing. */
const CONNECTION_SLACK = 1;
const TAIL_LINES = 40;

/**
 * Node/V8 flags the child must not inherit: the wasm memory cap (the reason
 * for the child), debugger ports, and anything that would make it run
 * something other than its script (`node -e '…'` would re-run the parent's
 * code in the child, which forks again).
 */
const DROPPED_FLAG =
  /^(--(wasm[-_]max[-_]mem[-_]pages|inspect|inspect-brk|inspect-wait|inspect-port|debug-port|debug|eval|print|interactive|check|test|test-[a-z-]+|watch|watch-path|watch-preserve-output)|-[epic]|-pe)(=|$)/;
/** Dropped flags that take their value as the next argument when written without "=". */
const DROPPED_WITH_VALUE =
  /^(--(wasm[-_]max[-_]mem[-_]pages|inspect-port|debug-port|eval|print|watch-path|test-(name-pattern|skip-pattern|reporter|reporter-destination|concurrency|timeout|shard))|-[ep]|-pe)$/;

function childExecArgv(): string[] {
  const args: string[] = [];
  const parent = process.execArgv;
  for (let i = 0; i < parent.length; i++) {
    const arg = parent[i];
    if (DROPPED_FLAG.test(arg)) {
      if (DROPPED_WITH_VALUE.test(arg)) i++; // "--flag value" form
      continue;
    }
    args.push(arg);
  }
  return args;
}

function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (env.NODE_OPTIONS) {
    env.NODE_OPTIONS = env.NODE_OPTIONS.split(/\s+/)
      .filter((arg) => arg !== '' && !DROPPED_FLAG.test(arg))
      .join(' ');
  }
  return env;
}

/** Splits a stream into lines, passing each to `onLine`. */
function lines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl).replace(/\r$/, '');
      pending = pending.slice(nl + 1);
      if (line !== '') onLine(line);
    }
  });
  stream.on('end', () => {
    if (pending !== '') onLine(pending);
    pending = '';
  });
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess): Promise<void> {
  return exited(child) ? Promise.resolve() : new Promise((done) => child.once('exit', () => done()));
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  const log = options.log ?? (() => undefined);
  const maxConnections = MAX_CONNECTIONS;
  const startTimeoutMs = options.startTimeoutMs ?? 120_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 30_000;

  const childPath = CHILD_FILE;
  if (!existsSync(childPath)) {
    throw new Error(`embedded Postgres: ${childPath} not found (run the build)`);
  }

  const config: ChildConfig = { dataDir, host: HOST, maxConnections: maxConnections + CONNECTION_SLACK };
  const startedAt = Date.now();
  const child = fork(childPath, [JSON.stringify(config)], {
    execArgv: childExecArgv(),
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'json',
  });

  const tail: string[] = [];
  const remember = (line: string): void => {
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
  };
  lines(child.stdout, (line) => {
    remember(line);
    log(`embedded postgres [${child.pid}]: ${line}`);
  });
  lines(child.stderr, (line) => {
    remember(line);
    log(`embedded postgres [${child.pid}]: ${line}`);
  });
  const output = (): string => (tail.length ? `\n--- child output (last ${tail.length} lines) ---\n${tail.join('\n')}` : '');

  let port: number;
  try {
    port = await new Promise<number>((ready, failed) => {
      const timer = setTimeout(
        () => failed(new Error(`embedded Postgres did not start within ${startTimeoutMs} ms (data dir ${dataDir})${output()}`)),
        startTimeoutMs,
      );
      const settle = (): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        child.off('error', onError);
      };
      const onMessage = (message: ChildMessage): void => {
        if (message?.ready === true && Number.isInteger(message.port)) {
          settle();
          ready(message.port);
        } else if (message?.ready === false) {
          settle();
          failed(new Error(`embedded Postgres failed to start (data dir ${dataDir}): ${message.error}${output()}`));
        }
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
        settle();
        // stderr may still be draining; give it a moment so the error carries it.
        setTimeout(() => {
          failed(
            new Error(
              `embedded Postgres exited before it was ready (${signal ? `signal ${signal}` : `code ${code}`}, data dir ${dataDir})${output()}`,
            ),
          );
        }, 50);
      };
      const onError = (error: Error): void => {
        settle();
        failed(new Error(`embedded Postgres: could not run ${childPath}: ${error.message}${output()}`));
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.once('error', onError);
    });
  } catch (error) {
    if (!exited(child)) {
      child.kill('SIGKILL');
      await waitForExit(child);
    }
    throw error;
  }

  log(`embedded postgres [${child.pid}]: ready on ${HOST}:${port} in ${Date.now() - startedAt} ms (data dir ${dataDir})`);

  let stopping = false;
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`embedded postgres [${child.pid}]: exited unexpectedly (${signal ? `signal ${signal}` : `code ${code}`})${output()}`);
    }
  });
  child.on('error', (error) => log(`embedded postgres [${child.pid}]: ${error.message}`));

  // The embedded database must not by itself keep the parent alive; when the
  // parent exits, the child sees the IPC channel close and shuts down cleanly.
  child.unref();
  child.channel?.unref();
  (child.stdout as unknown as { unref?: () => void } | null)?.unref?.();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      stopping = true;
      if (exited(child)) return;
      const exit = waitForExit(child);
      if (child.connected) {
        child.send({ type: 'stop' } satisfies ParentMessage, (error) => {
          if (error && !exited(child)) child.kill('SIGTERM');
        });
      } else {
        child.kill('SIGTERM');
      }
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        exit.then(() => false),
        new Promise<boolean>((done) => (timer = setTimeout(() => done(true), stopTimeoutMs))),
      ]);
      clearTimeout(timer);
      if (timedOut) {
        child.kill('SIGKILL');
        await exit;
        throw new Error(`embedded Postgres did not stop within ${stopTimeoutMs} ms and was killed${output()}`);
      }
      if (child.exitCode !== 0) {
        throw new Error(
          `embedded Postgres stopped with ${child.signalCode ? `signal ${child.signalCode}` : `code ${child.exitCode}`}${output()}`,
        );
      }
      log(`embedded postgres [${child.pid}]: stopped`);
    })();
    return stopped;
  };

  return {
    url: `postgres://postgres@${HOST}:${port}/postgres`,
    maxConnections,
    pid: child.pid!,
    stop,
  };
}

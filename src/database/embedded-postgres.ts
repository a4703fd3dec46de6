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
import { compiledFile } from '../common/paths';
import type { ChildConfig, ChildMessage, ParentMessage } from './embedded-postgres.child';

export interface EmbeddedPostgresOptions {
  /**
   * Directory PGlite keeps its cluster in (created if missing). Give it a
   * directory of its own, e.g. join(DATA_DIR, 'postgres').
   */
  dataDir: string;
  /** Receives the child's output and lifecycle lines. */
  log?: (line: string) => void;
  /** How long to wait for the child to be ready; default DEFAULT_START_TIMEOUT_MS. */
  startTimeoutMs?: number;
  /** How long stop() waits for a clean shutdown before killing the child; default DEFAULT_STOP_TIMEOUT_MS. */
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
/** initdb on an empty directory takes several seconds. */
const DEFAULT_START_TIMEOUT_MS = 120_000;
const DEFAULT_STOP_TIMEOUT_MS = 30_000;

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

/** The child's last lines of output, for the errors that tell why it failed. */
class OutputTail {
  private readonly tail: string[] = [];

  /** Keeps and logs every line `child` writes. */
  constructor(child: ChildProcess, log: (line: string) => void) {
    const onLine = (line: string): void => {
      this.tail.push(line);
      if (this.tail.length > TAIL_LINES) this.tail.shift();
      log(`embedded postgres [${child.pid}]: ${line}`);
    };
    lines(child.stdout, onLine);
    lines(child.stderr, onLine);
  }

  toString(): string {
    return this.tail.length ? `\n--- child output (last ${this.tail.length} lines) ---\n${this.tail.join('\n')}` : '';
  }
}

/** The child's script, compiled (in the tree this process loads by path from). */
function childScript(): string {
  const childPath = CHILD_FILE;
  if (!existsSync(childPath)) {
    throw new Error(`embedded Postgres: ${childPath} not found (run the build)`);
  }
  return childPath;
}

function forkChild(childPath: string, config: ChildConfig): ChildProcess {
  return fork(childPath, [JSON.stringify(config)], {
    execArgv: childExecArgv(),
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'json',
  });
}

const endedBy = (code: number | null, signal: NodeJS.Signals | null): string => (signal ? `signal ${signal}` : `code ${code}`);

/** The port the child serves on once it says it is ready; rejects when it fails, exits or takes too long. */
function readyPort(child: ChildProcess, childPath: string, dataDir: string, output: OutputTail, startTimeoutMs: number): Promise<number> {
  return new Promise<number>((ready, failed) => {
    const timer = setTimeout(() => failed(new Error(`embedded Postgres did not start within ${startTimeoutMs} ms (data dir ${dataDir})${output}`)), startTimeoutMs);
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
        failed(new Error(`embedded Postgres failed to start (data dir ${dataDir}): ${message.error}${output}`));
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      settle();
      // stderr may still be draining; give it a moment so the error carries it.
      setTimeout(() => failed(new Error(`embedded Postgres exited before it was ready (${endedBy(code, signal)}, data dir ${dataDir})${output}`)), 50);
    };
    const onError = (error: Error): void => {
      settle();
      failed(new Error(`embedded Postgres: could not run ${childPath}: ${error.message}${output}`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

/** readyPort, killing the child when it does not become ready. */
async function readyOrKilled(child: ChildProcess, waitForPort: Promise<number>): Promise<number> {
  try {
    return await waitForPort;
  } catch (error) {
    if (!exited(child)) {
      child.kill('SIGKILL');
      await waitForExit(child);
    }
    throw error;
  }
}

/**
 * The embedded database must not by itself keep the parent alive; when the parent exits, the
 * child sees the IPC channel close and shuts down cleanly.
 */
function detach(child: ChildProcess): void {
  child.unref();
  child.channel?.unref();
  (child.stdout as unknown as { unref?: () => void } | null)?.unref?.();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
}

/** Asks the child to stop (a signal when the channel is gone); true when it had not exited after `timeoutMs`. */
async function askToStop(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  const exit = waitForExit(child);
  if (child.connected) {
    child.send({ type: 'stop' } satisfies ParentMessage, (error) => {
      if (error && !exited(child)) child.kill('SIGTERM');
    });
  } else {
    child.kill('SIGTERM');
  }
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([exit.then(() => false), new Promise<boolean>((done) => (timer = setTimeout(() => done(true), timeoutMs)))]);
  clearTimeout(timer);
  return timedOut;
}

/** Stops the child once, however often it is called: cleanly, or killed after `stopTimeoutMs`. */
function stopper(child: ChildProcess, output: OutputTail, stopTimeoutMs: number, log: (line: string) => void): { stop(): Promise<void>; stopping(): boolean } {
  let stopped: Promise<void> | undefined;
  const stopOnce = async (): Promise<void> => {
    if (exited(child)) return;
    if (await askToStop(child, stopTimeoutMs)) {
      child.kill('SIGKILL');
      await waitForExit(child);
      throw new Error(`embedded Postgres did not stop within ${stopTimeoutMs} ms and was killed${output}`);
    }
    if (child.exitCode !== 0) throw new Error(`embedded Postgres stopped with ${endedBy(child.exitCode, child.signalCode)}${output}`);
    log(`embedded postgres [${child.pid}]: stopped`);
  };
  return { stop: () => (stopped ??= stopOnce()), stopping: () => stopped !== undefined };
}

/** Logs what happens to a ready child that was not asked to stop. */
function watchUnexpected(child: ChildProcess, output: OutputTail, stopping: () => boolean, log: (line: string) => void): void {
  child.on('exit', (code, signal) => {
    if (!stopping()) log(`embedded postgres [${child.pid}]: exited unexpectedly (${endedBy(code, signal)})${output}`);
  });
  child.on('error', (error) => log(`embedded postgres [${child.pid}]: ${error.message}`));
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  const log = options.log ?? (() => undefined);
  const childPath = childScript();
  const startedAt = Date.now();
  const child = forkChild(childPath, { dataDir, host: HOST, maxConnections: MAX_CONNECTIONS + CONNECTION_SLACK });
  const output = new OutputTail(child, log);
  const port = await readyOrKilled(child, readyPort(child, childPath, dataDir, output, options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS));
  log(`embedded postgres [${child.pid}]: ready on ${HOST}:${port} in ${Date.now() - startedAt} ms (data dir ${dataDir})`);
  const { stop, stopping } = stopper(child, output, options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS, log);
  watchUnexpected(child, output, stopping, log);
  detach(child);
  return { url: `postgres://postgres@${HOST}:${port}/postgres`, maxConnections: MAX_CONNECTIONS, pid: child.pid!, stop };
}

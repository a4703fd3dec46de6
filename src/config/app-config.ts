import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { ConfigError, parseBytes, parseDurationMs, parseInteger } from './units';

export type RuntimeEnv = 'production' | 'development' | 'test';

/** Server-wide ceilings: no tier can go above them. */
export interface Ceilings {
  maxModuleBytes: number;
  maxInputBytes: number;
  timeoutMs: number;
  memoryLimitBytes: number;
  maxOutputBytes: number;
}

export interface AppConfig {
  env: RuntimeEnv;
  host: string;
  port: number;
  databaseUrl: string | null;
  redisUrl: string | null;
  dataDir: string;
  apiSalt: string | null;
  adminToken: string | null;
  ceilings: Ceilings;
  pool: {
    threads: number;
    maxQueue: number;
    engine: string;
    /** How long a run stopped at its timeout waits for its thread to exit before it is answered anyway. */
    stopGraceMs: number;
  };
  moduleCacheBytes: number;
  /**
   * How far V8 lets a heap grow past what survived its last full collection, in percent; 0 keeps
   * V8's own factor (up to 4× on a machine with gigabytes of memory).
   */
  heapGrowthPercent: number;
  /** Execution records older than this are deleted in the background. */
  retentionDays: number;
  /** Replicas sharing the limits: each limit is divided by it while Redis is unavailable. */
  instanceCount: number;
  /** Failed authentications one client address may make per minute. */
  authFailuresPerMinute: number;
  /**
   * Which proxies' X-Forwarded-For to believe for the client address (per-address limits):
   * none (false), every one (true), a number of hops, or addresses/CIDRs.
   */
  trustProxy: boolean | number | string[];
  /** Between readiness turning false and the server closing, on SIGTERM. */
  shutdownDelayMs: number;
  logLevel: string;
}

type Env = Record<string, string | undefined>;

function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function runtimeEnv(raw: string | undefined): RuntimeEnv {
  if (raw === undefined || raw === 'development') return 'development';
  if (raw === 'production' || raw === 'test') return raw;
  throw new ConfigError(`NODE_ENV="${raw}" must be production, development or test`);
}

const MIN_SALT_LENGTH = 16;
/**
 * A thread told to stop leaves at once unless V8 is inside its own code (filling a module's
 * declared tables, compiling a huge function), which notices no termination; its run is answered
 * after this long even so, and the thread keeps its place in the pool until it exits.
 */
const STOP_GRACE_MS = 5000;
/**
 * Almost everything a request allocates is garbage once it is answered, so V8's usual 4× growth
 * mostly holds garbage: under the bench's load the service peaked at 352 MiB RSS with it and at
 * 274 MiB with 30 %, at the same throughput.
 */
const DEFAULT_HEAP_GROWTH_PERCENT = 30;

/** TRUST_PROXY: `false` (default), `true`, a hop count, or a comma-separated list of addresses, CIDRs or `loopback`. */
function trustProxy(raw: string | undefined): boolean | number | string[] {
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return parseInteger('TRUST_PROXY', raw, 0, 100);
  return raw.split(',').map((entry) => entry.trim()).filter(Boolean);
}

/** What production refuses to start without; one line each, so an operator sees every problem at once. */
export function productionProblems(config: AppConfig): string[] {
  if (config.env !== 'production') return [];
  const problems: string[] = [];
  if (!config.apiSalt) problems.push('API_SALT is required in production (at least 16 random characters)');
  else if (config.apiSalt.length < MIN_SALT_LENGTH || new Set(config.apiSalt).size < 8) {
    problems.push(`API_SALT is too weak: use at least ${MIN_SALT_LENGTH} random characters`);
  }
  if (!config.adminToken) problems.push('ADMIN_TOKEN is required in production');
  if (!config.databaseUrl) problems.push('DATABASE_URL is required in production (the embedded database is for development)');
  else if (!/^postgres(ql)?:\/\//.test(config.databaseUrl)) {
    problems.push('DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/db)');
  }
  return problems;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const bytes = (name: string, fallback: string) => parseBytes(name, read(env, name) ?? fallback);
  const int = (name: string, fallback: number, min: number, max?: number) =>
    parseInteger(name, read(env, name) ?? String(fallback), min, max);
  const cpus = availableParallelism();
  const threads = int('WORKER_THREADS', Math.max(4, cpus * 2), 1, 256);
  return {
    env: runtimeEnv(read(env, 'NODE_ENV')),
    host: read(env, 'SERVER_HOST') ?? '127.0.0.1',
    port: int('SERVER_PORT', 8080, 0, 65535),
    databaseUrl: read(env, 'DATABASE_URL') ?? null,
    redisUrl: read(env, 'REDIS_URL') ?? null,
    dataDir: resolve(read(env, 'DATA_DIR') ?? './data'),
    apiSalt: read(env, 'API_SALT') ?? null,
    adminToken: read(env, 'ADMIN_TOKEN') ?? null,
    ceilings: {
      maxModuleBytes: bytes('MAX_WASM_SIZE', '10MB'),
      maxInputBytes: bytes('MAX_INPUT_SIZE', '1MB'),
      timeoutMs: parseDurationMs('EXECUTION_TIMEOUT', read(env, 'EXECUTION_TIMEOUT') ?? '5'),
      memoryLimitBytes: bytes('MEMORY_LIMIT', '128MB'),
      maxOutputBytes: bytes('MAX_OUTPUT_SIZE', '1MB'),
    },
    pool: {
      threads,
      maxQueue: int('POOL_MAX_QUEUE', threads * 16, 0, 1_000_000),
      engine: read(env, 'WASI_ENGINE') ?? 'default',
      stopGraceMs: STOP_GRACE_MS,
    },
    moduleCacheBytes: bytes('MODULE_CACHE_SIZE', '256MB'),
    heapGrowthPercent: int('HEAP_GROWTH_PERCENT', DEFAULT_HEAP_GROWTH_PERCENT, 0, 300),
    retentionDays: int('EXECUTION_RETENTION_DAYS', 30, 1, 36500),
    instanceCount: int('INSTANCE_COUNT', 1, 1, 10_000),
    authFailuresPerMinute: int('AUTH_FAILURES_PER_MINUTE', 30, 1, 1_000_000),
    trustProxy: trustProxy(read(env, 'TRUST_PROXY')),
    shutdownDelayMs: parseDurationMs('SHUTDOWN_DELAY', read(env, 'SHUTDOWN_DELAY') ?? '0ms'),
    logLevel: read(env, 'LOG_LEVEL') ?? (env.NODE_ENV === 'test' ? 'warn' : 'info'),
  };
}

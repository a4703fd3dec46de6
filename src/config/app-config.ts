import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { ENGINE_NAMES } from '../common/engine-names';
import { ExecutionLimits, limitSpec, RUN_LIMIT_NAMES, limitValues } from '../common/limits';
import { Env, SettingsReader } from './settings-reader';
import { ConfigError } from './units';
import { readWebhookSettings, WebhookSettings } from './webhook-settings';

export type RuntimeEnv = 'production' | 'development' | 'test';

/** Server-wide ceilings: no tier can go above them (see TIER_LIMITS). */
export type Ceilings = ExecutionLimits;

export interface AppConfig {
  env: RuntimeEnv;
  host: string;
  port: number;
  databaseUrl: string | null;
  redisUrl: string | null;
  /** How long a Redis command may take before the quotas fall back to memory. */
  redisTimeoutMs: number;
  /** How long a client has to send a whole request, headers and body (Fastify sets none by default). */
  requestTimeoutMs: number;
  dataDir: string;
  apiSalt: string | null;
  adminToken: string | null;
  /** When set, GET /metrics needs it as a bearer token. */
  metricsToken: string | null;
  ceilings: Ceilings;
  pool: {
    threads: number;
    maxQueue: number;
    /** Threads one account's runs may hold at once; its further runs wait for one of its own to end. */
    threadsPerAccount: number;
    engine: string;
    /** How long a run stopped at its timeout waits for its thread to exit before it is answered anyway. */
    stopGraceMs: number;
  };
  moduleCacheBytes: number;
  /** Output a batch's results hold together, kept and answered each (MAX_BATCH_RESULT_SIZE). */
  maxBatchResultBytes: number;
  /** Output the batches running in the process hold together, kept and answered (MAX_BATCH_RESULTS_IN_MEMORY). */
  maxBatchResultsInMemoryBytes: number;
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
  /** What this process does: everything, the HTTP API only, or only the jobs of the durable queue. */
  role: ServiceRole;
  jobs: {
    /** Jobs one process works at once, per queue. */
    concurrency: number;
    /** How often the queue's maintenance runs: it fails or retries jobs whose worker died. */
    maintenanceIntervalSeconds: number;
    /** How long a synchronous run of an api process waits for an executor to start it, before it is cancelled unrun. */
    executorStartTimeoutMs: number;
  };
  webhooks: WebhookSettings;
}

export const SERVICE_ROLES = ['all', 'api', 'executor'] as const;
export type ServiceRole = (typeof SERVICE_ROLES)[number];

const MIN_SALT_LENGTH = 16;
/**
 * A thread told to stop leaves at once unless V8 is inside its own code (filling a module's
 * declared tables, compiling a huge function), which notices no termination; its run is answered
 * after this long even so, and the thread keeps its place in the pool until it exits.
 */
const STOP_GRACE_MS = 5000;
/**
 * Almost everything a request allocates is garbage once it is answered, so V8's usual growth
 * mostly holds garbage: a smaller factor lowers the RSS peak at the same throughput (figures in
 * the README's Performance section).
 */
const DEFAULT_HEAP_GROWTH_PERCENT = 30;

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
  return problems;
}

/** pino's levels. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const WASI_ENGINES = ['default', ...ENGINE_NAMES] as const;

/** Each run limit's server-wide ceiling, read from the setting TIER_LIMITS names for it. */
function readCeilings(settings: SettingsReader): Ceilings {
  return limitValues(RUN_LIMIT_NAMES, (name) => {
    const { unit, ceiling } = limitSpec(name);
    const { env, default: fallback, minimum, maximum } = ceiling!;
    if (unit === 'bytes') return settings.bytes(env, fallback, minimum, maximum);
    if (unit === 'ms') return settings.durationMs(env, fallback, minimum);
    return settings.integer(env, Number(fallback), minimum, maximum);
  });
}

/** The settings, each read as its default when it has a problem, and every problem found. */
export function readConfig(env: Env = process.env): { config: AppConfig; problems: string[] } {
  const settings = new SettingsReader(env);
  const threads = settings.integer('WORKER_THREADS', Math.max(4, availableParallelism() * 2), 1, 256);
  const nodeEnv = settings.oneOf<RuntimeEnv>('NODE_ENV', 'development', ['production', 'development', 'test']);
  const config: AppConfig = {
    env: nodeEnv,
    host: settings.host('SERVER_HOST', '127.0.0.1'),
    port: settings.integer('SERVER_PORT', 8080, 0, 65535),
    databaseUrl: settings.url('DATABASE_URL', 'PostgreSQL', ['postgres', 'postgresql'], 'postgres://user:password@host:5432/db'),
    redisUrl: settings.url('REDIS_URL', 'Redis', ['redis', 'rediss'], 'redis://host:6379'),
    redisTimeoutMs: settings.durationMs('REDIS_TIMEOUT', '250ms', 1),
    requestTimeoutMs: settings.durationMs('REQUEST_TIMEOUT', '300s', 1),
    dataDir: resolve(settings.text('DATA_DIR') ?? './data'),
    apiSalt: settings.text('API_SALT') ?? null,
    adminToken: settings.text('ADMIN_TOKEN') ?? null,
    metricsToken: settings.text('METRICS_TOKEN') ?? null,
    ceilings: readCeilings(settings),
    pool: {
      threads,
      maxQueue: settings.integer('POOL_MAX_QUEUE', threads * 16, 0, 1_000_000),
      threadsPerAccount: settings.integer('POOL_MAX_THREADS_PER_ACCOUNT', Math.max(1, threads - 1), 1, 256),
      engine: settings.oneOf('WASI_ENGINE', 'default', WASI_ENGINES),
      stopGraceMs: STOP_GRACE_MS,
    },
    moduleCacheBytes: settings.bytes('MODULE_CACHE_SIZE', '256MB', 0),
    maxBatchResultBytes: settings.bytes('MAX_BATCH_RESULT_SIZE', '64MB', 0),
    maxBatchResultsInMemoryBytes: settings.bytes('MAX_BATCH_RESULTS_IN_MEMORY', '256MB', 0),
    heapGrowthPercent: settings.integer('HEAP_GROWTH_PERCENT', DEFAULT_HEAP_GROWTH_PERCENT, 0, 300),
    retentionDays: settings.integer('EXECUTION_RETENTION_DAYS', 30, 1, 36500),
    instanceCount: settings.integer('INSTANCE_COUNT', 1, 1, 10_000),
    authFailuresPerMinute: settings.integer('AUTH_FAILURES_PER_MINUTE', 30, 1, 1_000_000),
    trustProxy: settings.trustProxy('TRUST_PROXY'),
    shutdownDelayMs: settings.durationMs('SHUTDOWN_DELAY', '0ms', 0),
    logLevel: settings.oneOf('LOG_LEVEL', nodeEnv === 'test' ? 'warn' : 'info', LOG_LEVELS),
    role: settings.oneOf('WASMWIZ_ROLE', 'all', SERVICE_ROLES),
    jobs: {
      concurrency: settings.integer('JOB_CONCURRENCY', threads, 1, 1024),
      maintenanceIntervalSeconds: settings.integer('JOB_MAINTENANCE_INTERVAL', 60, 1, 3600),
      executorStartTimeoutMs: settings.durationMs('EXECUTOR_START_TIMEOUT', '30s', 1),
    },
    webhooks: readWebhookSettings(settings),
  };
  return { config, problems: settings.problems };
}

/** The settings; a ConfigError listing every problem when any has one. */
export function loadConfig(env: Env = process.env): AppConfig {
  const { config, problems } = readConfig(env);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

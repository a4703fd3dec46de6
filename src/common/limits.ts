import { MEM32_MAX_BYTES, PAGE_BYTES } from './wasm-binary/wasm-page';

/** What a limit counts. */
export type LimitUnit = 'bytes' | 'ms' | 'count' | 'per minute' | 'per day';

export interface LimitSpec {
  unit: LimitUnit;
  /** The column of the `tiers` table that stores a tier's value (a migration adds it). */
  column: string;
  /** The range a tier's value may take; the largest is the integer column's unless given. */
  minimum: number;
  maximum?: number;
  description: string;
  /**
   * Present on the limits a run is held to: the server-wide setting that caps every tier's value
   * (a run gets the smaller of the two), with its default and its range. The defaults are the
   * largest seeded tier's (enterprise) values, so that every seeded tier gets what it advertises.
   */
  ceiling?: { env: string; default: string; minimum: number; maximum?: number };
}

/** The largest value of an integer column. */
export const MAX_INT32 = 2_147_483_647;

/**
 * Every limit a tier sets, defined once: the `tiers` columns, the admin API's tier fields, the
 * views of a tier and the server's ceilings derive from this table. A new limit is one entry
 * here plus a migration adding its column.
 */
export const TIER_LIMITS = {
  requestsPerMinute: { unit: 'per minute', column: 'requests_per_minute', minimum: 1, description: 'Requests per minute, all keys of an account together' },
  executionsPerDay: { unit: 'per day', column: 'executions_per_day', minimum: 1, description: 'Executions per calendar day (UTC)' },
  maxConcurrency: { unit: 'count', column: 'max_concurrency', minimum: 1, maximum: 10_000, description: 'Executions of an account running at once' },
  maxModuleBytes: {
    unit: 'bytes',
    column: 'max_module_bytes',
    minimum: 1,
    description: 'Largest module, in bytes',
    ceiling: { env: 'MAX_WASM_SIZE', default: '100MB', minimum: 1 },
  },
  maxInputBytes: {
    unit: 'bytes',
    column: 'max_input_bytes',
    minimum: 0,
    description: 'Largest input of a run (stdin, files, args and env together), in bytes',
    ceiling: { env: 'MAX_INPUT_SIZE', default: '10MB', minimum: 0 },
  },
  timeoutMs: {
    unit: 'ms',
    column: 'timeout_ms',
    minimum: 1,
    description: 'Longest a run may take, in milliseconds',
    ceiling: { env: 'EXECUTION_TIMEOUT', default: '30', minimum: 1 },
  },
  memoryLimitBytes: {
    unit: 'bytes',
    column: 'memory_limit_bytes',
    minimum: PAGE_BYTES,
    description: "Most linear memory a run's guest may have, in bytes",
    ceiling: { env: 'MEMORY_LIMIT', default: '512MB', minimum: PAGE_BYTES, maximum: MEM32_MAX_BYTES },
  },
  maxOutputBytes: {
    unit: 'bytes',
    column: 'max_output_bytes',
    minimum: 1,
    description: 'Most a run may print, stdout and stderr together, in bytes',
    ceiling: { env: 'MAX_OUTPUT_SIZE', default: '10MB', minimum: 1 },
  },
  maxStoredResultBytes: {
    unit: 'bytes',
    column: 'max_stored_result_bytes',
    minimum: 0,
    description: "Most of an async run's stdout and stderr kept with its record for GET /api/v1/executions/{id}, in bytes; past it they are cut (`resultTruncated`)",
  },
  maxBatchRuns: { unit: 'count', column: 'max_batch_runs', minimum: 1, maximum: 10_000, description: 'Runs one batch may carry (each counts as one execution of the day)' },
  maxStoredModuleBytes: {
    unit: 'bytes',
    column: 'max_stored_module_bytes',
    minimum: 0,
    description: "Most bytes the account's stored modules may take together, every version counted",
  },
} as const satisfies Record<string, LimitSpec>;

type Table = typeof TIER_LIMITS;
export type TierLimitName = keyof Table;
/** The limits each run is held to: those with a server-wide ceiling. */
export type RunLimitName = { [N in TierLimitName]: Table[N] extends { ceiling: object } ? N : never }[TierLimitName];
/** The limits of the account as a whole (requests, executions a day, concurrency): no ceiling clamps them. */
export type AccountLimitName = Exclude<TierLimitName, RunLimitName>;

/** A tier's values of every limit. */
export type TierLimits = Record<TierLimitName, number>;
/** The limits one run is held to: the tier's, clamped by the server-wide ceilings (also their shape). */
export type ExecutionLimits = Record<RunLimitName, number>;

export const TIER_LIMIT_NAMES = Object.keys(TIER_LIMITS) as TierLimitName[];
export const RUN_LIMIT_NAMES = TIER_LIMIT_NAMES.filter((name) => 'ceiling' in TIER_LIMITS[name]) as RunLimitName[];
export const ACCOUNT_LIMIT_NAMES = TIER_LIMIT_NAMES.filter((name) => !('ceiling' in TIER_LIMITS[name])) as AccountLimitName[];

/** The spec of a limit, typed as the table's general shape. */
export const limitSpec = (name: TierLimitName): LimitSpec => TIER_LIMITS[name];

/** The server setting that caps a run limit. */
export const ceilingOf = (name: RunLimitName) => TIER_LIMITS[name].ceiling;

/** What sets a run's effective limit: the tier's own value, or the server's ceiling below it. */
export const LIMIT_SOURCES = ['tier', 'server'] as const;
export type LimitSource = (typeof LIMIT_SOURCES)[number];

/** An object with a value for each of `names`, in their order. */
export function limitValues<N extends TierLimitName>(names: readonly N[], value: (name: N) => number): Record<N, number> {
  return Object.fromEntries(names.map((name) => [name, value(name)])) as Record<N, number>;
}

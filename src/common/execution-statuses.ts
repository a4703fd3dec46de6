/**
 * Every status an execution can carry, in display order, each with where it comes from:
 * - `sandbox`: how a run in the sandbox ended (a worker's answer, or the pool's timeout);
 * - `service`: final without a sandbox outcome (the module was refused before it could run);
 * - `pending`: not final yet.
 * A new status is one line here; the lists and types below, the API's enums and the page's
 * /js/vocabulary.js follow from it.
 */
const STATUS_ORIGINS = {
  success: 'sandbox',
  exit_error: 'sandbox',
  trap: 'sandbox',
  time_limit_exceeded: 'sandbox',
  memory_limit_exceeded: 'sandbox',
  output_limit_exceeded: 'sandbox',
  internal_error: 'sandbox',
  invalid_module: 'service',
  cancelled: 'service',
  queued: 'pending',
  running: 'pending',
} as const satisfies Record<string, 'sandbox' | 'service' | 'pending'>;

type Origins = typeof STATUS_ORIGINS;
type StatusFrom<O extends Origins[keyof Origins]> = { [S in keyof Origins]: Origins[S] extends O ? S : never }[keyof Origins];

export type ExecutionStatus = keyof Origins;
/** The statuses a sandbox run ends with. */
export type SandboxStatus = StatusFrom<'sandbox'>;
export type FinalStatus = StatusFrom<'sandbox' | 'service'>;

const statusesFrom = <S extends ExecutionStatus>(...origins: Origins[ExecutionStatus][]) =>
  (Object.keys(STATUS_ORIGINS) as ExecutionStatus[]).filter((status) => origins.includes(STATUS_ORIGINS[status])) as S[];

/** Every status an execution record or answer can carry, in display order. */
export const EXECUTION_STATUSES: readonly ExecutionStatus[] = Object.keys(STATUS_ORIGINS) as ExecutionStatus[];
export const SANDBOX_STATUSES: readonly SandboxStatus[] = statusesFrom<SandboxStatus>('sandbox');
/** The statuses an execution keeps once it has one. */
export const FINAL_STATUSES: readonly FinalStatus[] = statusesFrom<FinalStatus>('sandbox', 'service');
export type PendingStatus = StatusFrom<'pending'>;
/** The statuses of an async run before it ends: it may still be cancelled. */
export const PENDING_STATUSES: readonly PendingStatus[] = statusesFrom<PendingStatus>('pending');

/** True when the status is a sandbox run's end: the run has a duration, a peak memory, output. */
export function ranInSandbox(status: string): status is SandboxStatus {
  return (STATUS_ORIGINS as Record<string, string>)[status] === 'sandbox';
}

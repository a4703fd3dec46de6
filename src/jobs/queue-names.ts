/** The durable queues, by name: a queue is defined once (JobQueue.defineQueue) by the unit that works it. */

/** Async runs (`wait: false`) and, with WASMWIZ_ROLE=api, the synchronous runs executors answer: `{ executionId }`. */
export const EXECUTION_QUEUE = 'execution';
/** Runs whose job failed for good (its worker died every time): `{ executionId }`, marked `internal_error`. */
export const EXECUTION_FAILED_QUEUE = 'execution-failed';
/** Batches with `wait: false`: `{ batchId }`, every run of the batch in one job (one module compiled once). */
export const BATCH_QUEUE = 'batch';
/** Batches whose job failed for good (its executor died every time): `{ batchId }`, marked `failed`. */
export const BATCH_FAILED_QUEUE = 'batch-failed';
/** A callback to deliver: `{ kind: 'execution', id }` once an execution with a `callbackUrl` is final. */
export const WEBHOOK_DELIVERY_QUEUE = 'webhook-delivery';

/** The channel a committed job is announced on, so that idle workers of every process fetch it at once. */
export const JOBS_CHANNEL = 'wasmwiz_jobs';

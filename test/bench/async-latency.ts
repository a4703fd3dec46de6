import { BenchClient } from './bench-client';
import { quantile, round } from './measure';

const POLL_MS = 5;

export interface AsyncLatency {
  runs: number;
  /** From the run's record: `startedAt - createdAt` (the queue's hand-over, the executor's pick-up). */
  submitToStartP50Ms: number;
  submitToStartP99Ms: number;
  /** As the client sees it: POST with `wait: false` until GET shows the final status (polled every POLL_MS). */
  submitToResultP50Ms: number;
}

/** Async runs of a stored module one at a time on an otherwise idle service. */
export async function measureAsyncLatency(client: BenchClient, moduleId: string, stdin: string, runs: number): Promise<AsyncLatency> {
  const toStart: number[] = [];
  const toResult: number[] = [];
  for (let i = 0; i < runs; i++) {
    const submitted = performance.now();
    const { id } = await client.call('POST', `/api/v1/modules/${moduleId}/executions`, client.key, { stdin, wait: false });
    let view = await client.call('GET', `/api/v1/executions/${id}`, client.key);
    while (view.status === 'queued' || view.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      view = await client.call('GET', `/api/v1/executions/${id}`, client.key);
    }
    if (view.status !== 'success') throw new Error(`async run ${id} ended ${view.status}`);
    toResult.push(performance.now() - submitted);
    toStart.push(Date.parse(view.startedAt) - Date.parse(view.createdAt));
  }
  return {
    runs,
    submitToStartP50Ms: round(quantile(toStart, 0.5)),
    submitToStartP99Ms: round(quantile(toStart, 0.99)),
    submitToResultP50Ms: round(quantile(toResult, 0.5)),
  };
}

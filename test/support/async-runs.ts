import { call } from './test-app';
import { until } from './until';

const FINAL = (status: string) => status !== 'queued' && status !== 'running';

/** Polls `GET path` (an execution or a batch) until it has a final status; returns its view. */
async function finalView(url: string, key: string, path: string, timeoutMs: number): Promise<any> {
  let view: any;
  await until(async () => {
    view = (await call(url, 'GET', path, key)).body;
    return FINAL(view.status);
  }, timeoutMs);
  return view;
}

/** Polls an execution until it has a final status; returns its record. */
export function finalRecord(url: string, key: string, id: string, timeoutMs = 30_000): Promise<any> {
  return finalView(url, key, `/api/v1/executions/${id}`, timeoutMs);
}

/** Polls a batch until it has ended (completed or failed); returns its view. */
export function finalBatch(url: string, key: string, id: string, timeoutMs = 60_000): Promise<any> {
  return finalView(url, key, `/api/v1/batches/${id}`, timeoutMs);
}

import { call } from './test-app';
import { until } from './until';

const FINAL = (status: string) => status !== 'queued' && status !== 'running';

/** Polls an execution until it has a final status; returns its record. */
export async function finalRecord(url: string, key: string, id: string, timeoutMs = 30_000): Promise<any> {
  let record: any;
  await until(async () => {
    record = (await call(url, 'GET', `/api/v1/executions/${id}`, key)).body;
    return FINAL(record.status);
  }, timeoutMs);
  return record;
}

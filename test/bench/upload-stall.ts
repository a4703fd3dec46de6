import { encodeForm, eventLoopDelayMaxMs, slowestLiveWhile } from '../support/http';
import { extraStartExports, wasiCommand } from '../support/wasm-modules';
import { BenchClient } from './bench-client';
import { round } from './measure';

export interface UploadStall {
  upload: string;
  bytes: number;
  status: number;
  /** The slowest `GET /health/live` answered while the upload was being checked. */
  maxLiveMs: number;
  /** The service's own longest event-loop delay meanwhile (its metrics, reset at the upload's start). */
  maxEventLoopDelayMs: number;
}

/** Uploads whose checking once held the event loop for seconds. */
export const STALL_UPLOADS: Record<string, () => Buffer> = {
  '200k imports': () => wasiCommand({ fdWriteImports: 200_000 }),
  '99,990 exports': () => wasiCommand({ exports: extraStartExports(99_990) }),
  '9 MB custom section': () => wasiCommand({ customBytes: 9 * 1024 * 1024 }),
};

/** Each stall upload stored once (`POST /api/v1/modules`), with the live probe's worst latency meanwhile. */
export async function measureUploadStalls(client: BenchClient): Promise<UploadStall[]> {
  const stalls: UploadStall[] = [];
  for (const [upload, build] of Object.entries(STALL_UPLOADS)) {
    const bytes = build();
    const form = await encodeForm(bytes, 'stall.wasm');
    await eventLoopDelayMaxMs(client.url);
    const answered = fetch(`${client.url}/api/v1/modules`, { method: 'POST', body: form.body, headers: { ...client.auth, 'content-type': form.contentType } });
    const maxLiveMs = await slowestLiveWhile(client.url, answered);
    const response = await answered;
    await response.arrayBuffer();
    const maxEventLoopDelayMs = await eventLoopDelayMaxMs(client.url);
    stalls.push({ upload, bytes: bytes.length, status: response.status, maxLiveMs: round(maxLiveMs), maxEventLoopDelayMs: round(maxEventLoopDelayMs) });
  }
  return stalls;
}

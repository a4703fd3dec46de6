import Negotiator from 'negotiator';
import type { FinishedRun } from './execution-response';
import { OCTET_STREAM } from '../http/octet-stream';

const JSON_MEDIA = 'application/json';
/** Clients send the same few Accept values, each parsed anew by a negotiation: the answers are kept, this many at most. */
const REMEMBERED_ACCEPTS = 64;
const preferences = new Map<string | undefined, boolean>();

/** stderr rides in a header up to this many bytes (base64 makes it a third longer): headers are not for megabytes. */
export const HEADER_STDERR_BYTES = 4096;

/** true when the `Accept` header prefers raw stdout to the JSON answer (no Accept, or a tie: JSON). */
export function prefersOctetStream(accept: string | undefined): boolean {
  let prefers = preferences.get(accept);
  if (prefers === undefined) {
    prefers = new Negotiator({ headers: { accept } }).mediaType([JSON_MEDIA, OCTET_STREAM]) === OCTET_STREAM;
    if (preferences.size >= REMEMBERED_ACCEPTS) preferences.clear();
    preferences.set(accept, prefers);
  }
  return prefers;
}

interface AnswerHeader {
  description: string;
  schema: { type: 'string' | 'number' | 'integer' | 'boolean'; format?: string };
  /** Its value for a run; undefined leaves the header out. */
  value: (run: FinishedRun) => string | number | boolean | undefined;
}

/** The result of a run in headers, when the body is its raw stdout: each named and described once, here. */
export const OCTET_STREAM_HEADERS: Record<string, AnswerHeader> = {
  'WasmWiz-Execution-Id': { description: 'The execution record: GET /api/v1/executions/{id}', schema: { type: 'string', format: 'uuid' }, value: (run) => run.id },
  'WasmWiz-Status': { description: 'How the run ended (as `status` of the JSON answer)', schema: { type: 'string' }, value: (run) => run.result.status },
  'WasmWiz-Exit-Code': { description: "The guest's exit code; absent when it did not exit (trap, limits)", schema: { type: 'integer' }, value: (run) => run.result.exitCode ?? undefined },
  'WasmWiz-Error': {
    description: 'Why the run failed (trap message, limit), percent-encoded UTF-8; absent when it did not',
    schema: { type: 'string' },
    value: (run) => (run.result.error === null ? undefined : encodeURIComponent(run.result.error)),
  },
  'WasmWiz-Duration-Ms': { description: 'Time the module ran, in ms', schema: { type: 'number' }, value: (run) => run.result.durationMs },
  'WasmWiz-Queue-Ms': { description: 'Time the run waited for a sandbox worker, in ms', schema: { type: 'number' }, value: (run) => run.result.queueMs },
  'WasmWiz-Memory-Peak-Bytes': { description: 'Largest linear memory the guest had (for a run stopped at its time limit, what it had when it started)', schema: { type: 'integer' }, value: (run) => run.result.memoryPeakBytes },
  'WasmWiz-Stdout-Truncated': { description: 'true when stdout was cut at the output limit', schema: { type: 'boolean' }, value: (run) => run.result.stdoutTruncated },
  'WasmWiz-Stderr': {
    description: `stderr as base64; absent when it is empty or over ${HEADER_STDERR_BYTES} bytes (see WasmWiz-Stderr-Bytes; the JSON answer carries it whole)`,
    schema: { type: 'string', format: 'byte' },
    value: ({ result }) => (result.stderr.length > 0 && result.stderr.length <= HEADER_STDERR_BYTES ? result.stderr.toString('base64') : undefined),
  },
  'WasmWiz-Stderr-Bytes': { description: 'Length of stderr', schema: { type: 'integer' }, value: (run) => run.result.stderr.length },
  'WasmWiz-Stderr-Truncated': { description: 'true when stderr was cut at the output limit', schema: { type: 'boolean' }, value: (run) => run.result.stderrTruncated },
  'WasmWiz-Module-Sha256': { description: 'sha256 of the module that ran', schema: { type: 'string' }, value: (run) => run.moduleSha256 },
  'WasmWiz-Timeout-Ms': { description: 'The timeout the run was held to', schema: { type: 'integer' }, value: (run) => run.limits.timeoutMs },
  'WasmWiz-Memory-Limit-Bytes': { description: 'The memory limit the run was held to', schema: { type: 'integer' }, value: (run) => run.limits.memoryLimitBytes },
  'WasmWiz-Max-Output-Bytes': { description: 'The output limit (stdout and stderr together)', schema: { type: 'integer' }, value: (run) => run.limits.maxOutputBytes },
};

/** The headers of a run answered as raw stdout. */
export function octetStreamHeaders(run: FinishedRun): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(OCTET_STREAM_HEADERS)) {
    const value = header.value(run);
    if (value !== undefined) headers[name] = String(value);
  }
  return headers;
}

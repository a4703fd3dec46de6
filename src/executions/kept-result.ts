import { ranInSandbox } from '../common/execution-statuses';
import type { ExecutionLimits } from '../common/limits';
import { answerBytesOf, type OutputEncoding } from '../common/run-input';
import type { SandboxResult } from '../sandbox/sandbox.types';
import type { ExecutionRecord, StoredResult } from '../schema/execution-record.entity';
import { encodeOutput, type ExecutionResponse, type FinishedRun, type KeptExecutionResponse, toExecutionResponse } from './execution-response';

/** Bytes several kept results share (a batch's): each takes what it keeps from `left`. */
export interface ResultBudget {
  left: number;
}

/**
 * A budget that takes from two at once: its own (`own`, one batch's) and one it shares (`shared`,
 * every batch's of the process), holding the lesser of what they have left; `giveBack()` returns
 * to the shared one what was taken from it, once what it held is gone.
 */
export function drawingFrom(own: ResultBudget, shared: ResultBudget): ResultBudget & { giveBack(): void } {
  let taken = 0;
  return {
    get left() {
      return Math.min(own.left, shared.left);
    },
    set left(value: number) {
      const spent = Math.min(own.left, shared.left) - value;
      own.left -= spent;
      shared.left -= spent;
      taken += spent;
    },
    giveBack() {
      shared.left += taken;
      taken = 0;
    },
  };
}

/**
 * What is kept of a run's answer (an async run's, a batch run's): stdout then stderr, as the
 * answer encodes them, cut to `maxBytes` together (and to what `budget` has left); then each file,
 * in path order, that still fits (the others are named in `filesOmitted`).
 */
export function storedResult(result: SandboxResult, encoding: OutputEncoding | undefined, maxKeptBytes: number, budget?: ResultBudget): StoredResult {
  const maxBytes = budget ? Math.max(0, Math.min(maxKeptBytes, budget.left)) : maxKeptBytes;
  const stdout = result.stdout.subarray(0, maxBytes);
  const stderr = result.stderr.subarray(0, maxBytes - stdout.length);
  const out = storableOutput(stdout, encoding, result.stdoutTruncated || stdout.length < result.stdout.length);
  const err = storableOutput(stderr, encoding, result.stderrTruncated || stderr.length < result.stderr.length);
  let left = maxBytes - stdout.length - stderr.length;
  const files: Record<string, string> = {};
  const filesOmitted = [...result.filesOmitted];
  for (const { path, data } of result.files) {
    const cost = answerBytesOf(path, data.length);
    if (cost > left) {
      filesOmitted.push(path);
      continue;
    }
    left -= cost;
    files[path] = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
  }
  if (budget) budget.left -= maxBytes - left;
  return {
    stdout: out.text,
    stderr: err.text,
    stdoutEncoding: out.encoding,
    stderrEncoding: err.encoding,
    stdoutTruncated: result.stdoutTruncated,
    stderrTruncated: result.stderrTruncated,
    files,
    filesOmitted: filesOmitted.sort(),
    resultTruncated: stdout.length < result.stdout.length || stderr.length < result.stderr.length || filesOmitted.length > result.filesOmitted.length,
  };
}

/**
 * Output as the answer encodes it, except that text holding U+0000 is kept in base64: a jsonb
 * value cannot hold that character, and a row PostgreSQL refuses would never be written.
 */
function storableOutput(bytes: Buffer, encoding: OutputEncoding | undefined, cut: boolean): { text: string; encoding: OutputEncoding } {
  const encoded = encodeOutput(bytes, encoding, cut);
  return encoded.encoding === 'utf8' && encoded.text.includes('\u0000') ? { text: bytes.toString('base64'), encoding: 'base64' } : encoded;
}

/** A run as it was answered, from its final record and its kept result: the output decoded back to bytes. */
export function runOfRecord(record: ExecutionRecord, limits: ExecutionLimits, outputEncoding: OutputEncoding | undefined): FinishedRun {
  const stored = record.result;
  const bytes = (text: string | undefined, encoding: OutputEncoding | undefined) => Buffer.from(text ?? '', encoding === 'base64' ? 'base64' : 'utf8');
  return {
    id: record.id,
    moduleSha256: record.moduleSha256 ?? '',
    limits,
    outputEncoding,
    result: {
      status: ranInSandbox(record.status) ? record.status : 'internal_error',
      exitCode: record.exitCode,
      stdout: bytes(stored?.stdout, stored?.stdoutEncoding),
      stderr: bytes(stored?.stderr, stored?.stderrEncoding),
      stdoutTruncated: stored?.stdoutTruncated ?? false,
      stderrTruncated: stored?.stderrTruncated ?? false,
      durationMs: record.durationMs,
      queueMs: record.queueMs,
      memoryPeakBytes: record.memoryPeakBytes,
      error: record.error,
      files: Object.entries(stored?.files ?? {}).map(([path, data]) => ({ path, data: Buffer.from(data, 'base64') })),
      filesOmitted: stored?.filesOmitted ?? [],
    },
  };
}

/** `answer` with its output as kept (`kept` holds the answer's output fields, cut), and whether it was cut. */
export function asKept(answer: ExecutionResponse, kept: StoredResult | null | undefined): KeptExecutionResponse {
  return { ...answer, ...(kept ?? { resultTruncated: false }) };
}

/** The answer of a run as it is kept, from its record: its output cut as the record keeps it. */
export function keptAnswerOf(record: ExecutionRecord, limits: ExecutionLimits, outputEncoding: OutputEncoding | undefined): KeptExecutionResponse {
  return asKept(toExecutionResponse(runOfRecord(record, limits, outputEncoding)), record.result);
}

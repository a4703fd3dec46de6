import { invalidField } from '../http/validation-problem';
import { DETERMINISM_FIELD_BYTES, DETERMINISM_FIELDS, parseDeterminism } from './determinism-input';
import { OUTPUT_ENCODINGS, type OutputEncoding } from './execution-response';
import { parseArgs, parseEnv } from './guest-input';
import type { InputLimit } from './input-limit';
import { MAX_OUTPUT_FILE_PATTERN_BYTES, MAX_OUTPUT_FILE_PATTERNS, parseOutputFiles } from './output-files';
import type { RunRequest } from './run-input';

/**
 * The fields of a run that come as text: multipart fields of POST /api/v1/execute, query
 * parameters of a stored run with an application/octet-stream body. The same names and rules.
 */
export interface RunTextFields {
  args?: string;
  env?: string;
  outputFiles?: string;
  timeoutMs?: string;
  outputEncoding?: string;
  clock?: string;
  randomSeed?: string;
  wait?: string;
  callbackUrl?: string;
}

/**
 * What the JSON text of `args` or `env` may add to the input limit: the guest gets the decoded
 * strings, never more bytes than their JSON, which also carries quotes, commas and escapes.
 */
const JSON_SYNTAX_BYTES = 64 * 1024;
const SMALL_FIELD_BYTES = DETERMINISM_FIELD_BYTES;
export const MAX_CALLBACK_URL_BYTES = 2048;

const invalidTimeout = () => invalidField('timeoutMs', 'must be an integer of milliseconds, at least 1');
const invalidEncoding = () => invalidField('outputEncoding', `must be one of ${OUTPUT_ENCODINGS.map((encoding) => `"${encoding}"`).join(', ')}`);
const invalidWait = () => invalidField('wait', 'must be true or false');
const invalidCallbackUrl = () => invalidField('callbackUrl', `must be a URL of at most ${MAX_CALLBACK_URL_BYTES} bytes`);
const invalidOutputFiles = () => invalidField('outputFiles', `must be a JSON array of at most ${MAX_OUTPUT_FILE_PATTERNS} patterns`);

/** The byte limits of the text fields as multipart reads them: an over-long one is refused as it streams. */
export function runTextFieldLimits(input: InputLimit) {
  const tooLarge = () => input.tooLarge();
  const jsonField = { limit: input.bytes + JSON_SYNTAX_BYTES, tooLarge };
  const outputFilesBytes = MAX_OUTPUT_FILE_PATTERNS * (MAX_OUTPUT_FILE_PATTERN_BYTES + 8);
  return {
    args: jsonField,
    env: jsonField,
    outputFiles: { limit: outputFilesBytes, tooLarge: invalidOutputFiles, invalid: invalidOutputFiles },
    timeoutMs: { limit: SMALL_FIELD_BYTES, tooLarge: invalidTimeout, invalid: invalidTimeout },
    outputEncoding: { limit: SMALL_FIELD_BYTES, tooLarge: invalidEncoding, invalid: invalidEncoding },
    wait: { limit: SMALL_FIELD_BYTES, tooLarge: invalidWait, invalid: invalidWait },
    callbackUrl: { limit: MAX_CALLBACK_URL_BYTES, tooLarge: invalidCallbackUrl, invalid: invalidCallbackUrl },
    ...DETERMINISM_FIELDS,
  };
}

/** Everything of a run but its data (stdin, files), from its text fields; empty ones count as absent. */
export function parseRunTextFields(fields: RunTextFields): Omit<RunRequest, 'stdin' | 'files'> {
  return {
    args: parseArgs(fields.args),
    env: parseEnv(fields.env),
    outputFiles: parseOutputFiles(fields.outputFiles),
    timeoutMs: parseTimeout(fields.timeoutMs),
    outputEncoding: parseEncoding(fields.outputEncoding),
    ...parseDeterminism(fields),
    ...asyncFields(parseWait(fields.wait), fields.callbackUrl?.trim() || undefined),
  };
}

/** `wait` and `callbackUrl`, present only when given (so a sync run's input stays as it was). */
export function asyncFields(wait: boolean | undefined, callbackUrl: string | undefined): Pick<RunRequest, 'wait' | 'callbackUrl'> {
  // A waited run's answer is its result: a callback given with one would be dropped unsaid.
  if (callbackUrl !== undefined && wait !== false) throw invalidField('callbackUrl', 'is taken with `wait: false` only: a waited run is answered with its result');
  return { ...(wait === undefined ? {} : { wait }), ...(callbackUrl === undefined ? {} : { callbackUrl }) };
}

function parseWait(raw: string | undefined): boolean | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  if (text !== 'true' && text !== 'false') throw invalidWait();
  return text === 'true';
}

function parseTimeout(raw: string | undefined): number | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) throw invalidTimeout();
  return value;
}

function parseEncoding(raw: string | undefined): OutputEncoding | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  if (!OUTPUT_ENCODINGS.includes(text as OutputEncoding)) throw invalidEncoding();
  return text as OutputEncoding;
}

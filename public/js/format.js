// Pure helpers of the page: formatting figures, reading the console's text boxes, base64. No DOM,
// so they are unit-tested in Node (test/unit/page-helpers.spec.ts).
import { localProblem } from './api.js';

const numberFormat = new Intl.NumberFormat('en');
export const num = (value) => (value === null || value === undefined ? '—' : numberFormat.format(value));

export function bytes(value) {
  if (value === null || value === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let n = Number(value);
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${i === 0 ? n : n.toFixed(n < 10 && n % 1 !== 0 ? 1 : 0)} ${units[i]}`;
}

export function ms(value) {
  if (value === null || value === undefined) return '—';
  const n = Number(value);
  if (n >= 1000) return `${(n / 1000).toFixed(n >= 10_000 ? 1 : 2)} s`;
  return `${n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n)} ms`;
}

/** "3 min ago", "in 2 h", "just now" for a date relative to `now`. */
export function relativeTime(value, now = Date.now()) {
  const seconds = Math.round((now - new Date(value).getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  const [n, unit] = abs < 3600 ? [Math.round(abs / 60), 'min'] : abs < 86_400 ? [Math.round(abs / 3600), 'h'] : [Math.round(abs / 86_400), 'd'];
  return seconds >= 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`;
}

/** The readable parts of a problem: title, detail, field errors, when to retry. */
export function problemParts(error) {
  const problem = error?.problem ?? { title: 'Something went wrong', detail: String(error?.message ?? error), errors: [] };
  const fields = (problem.errors ?? []).map((e) => `${e.field}: ${(e.messages ?? []).join(', ')}`);
  const retry = error?.retryAfter ? `Try again in ${error.retryAfter} s.` : '';
  return { title: problem.title, detail: problem.detail, fields, retry, code: problem.code };
}

/** One line per rate-limit window: "299 of 300 this minute", "19,996 of 20,000 today". */
export function quotaLines(windows) {
  const names = { minute: 'this minute', day: 'today', window: 'in this window' };
  return windows.map((w) => `${num(w.remaining)}${w.limit ? ` of ${num(w.limit)}` : ''} ${names[w.name] ?? w.name}`);
}

/** The non-blank lines of a text box, without a trailing \r. */
export const lines = (text) => text.split('\n').map((line) => line.replace(/\r$/, '')).filter((line) => line.trim() !== '');

/** NAME=value lines into an object; a line without a name before its `=` is refused, naming it. */
export function parseEnv(text) {
  const env = {};
  lines(text).forEach((line, i) => {
    const at = line.indexOf('=');
    if (at <= 0) throw localProblem('Check the environment', `Line ${i + 1} ("${line.slice(0, 40)}") is not NAME=value.`);
    env[line.slice(0, at).trim()] = line.slice(at + 1);
  });
  return env;
}

/** Output file paths or globs, one a line; absolute paths and `..` are refused, naming the line. */
export function parseOutputFiles(text) {
  return lines(text).map((line, i) => {
    const path = line.trim();
    if (path.startsWith('/') || path.split('/').includes('..')) {
      throw localProblem('Check the output files', `Line ${i + 1} ("${path.slice(0, 60)}") must be relative to the guest root, without "..".`);
    }
    return path;
  });
}

export function base64FromBytes(view) {
  let binary = '';
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

export const bytesFromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** The decoded size of base64 text, without decoding it. */
export const base64Size = (text) => Math.floor((text.length * 3) / 4) - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);

/** The size of a stream of the answer as sent: base64 decoded, text as UTF-8. */
export const streamSize = (text, encoding) => (encoding === 'base64' ? base64Size(text) : new TextEncoder().encode(text).length);

/** The last part of a path, for a download's file name. */
export const baseName = (path) => path.split('/').filter(Boolean).pop() ?? path;

const SUMMARIES = {
  success: () => 'The module ran to the end and exited with code 0.',
  exit_error: (r) => `The module exited with code ${r.exitCode}.`,
  trap: () => 'The module stopped on a runtime error (a trap).',
  time_limit_exceeded: (r) => `Stopped: the run went past the time limit${r.limits ? ` of ${ms(r.limits.timeoutMs)}` : ''}.`,
  memory_limit_exceeded: (r) => `Stopped: the module wanted more than the memory limit${r.limits ? ` of ${bytes(r.limits.memoryLimitBytes)}` : ''}.`,
  output_limit_exceeded: (r) => `Stopped: the module wrote more than ${r.limits ? bytes(r.limits.maxOutputBytes) : 'the limit'} of output; what it wrote up to the limit is shown.`,
  internal_error: () => 'The service could not complete the run. Trying again may help.',
  cancelled: () => 'The run was cancelled before it ended.',
  queued: () => 'Waiting in the queue for a sandbox.',
  running: () => 'Running in a sandbox.',
};

/** A sentence on what a run's status means. */
export const summaryOf = (result) => (SUMMARIES[result.status] ?? (() => ''))(result);

/** How long to wait before polling an async run again: quick at first, then once a second. */
export const pollDelay = (attempt) => Math.min(1000, 150 * 2 ** attempt);

import { readFileSync } from 'node:fs';
import type { ConformanceTest } from './suite';

/** What the runner needs of the service: the public API with one key (and how to reach it: fetch unless said). */
export interface ConformanceClient {
  url: string;
  key: string;
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
}

export interface ConformanceResult {
  test: ConformanceTest;
  outcome: 'passed' | 'failed' | 'skipped';
  reason: string | null;
}

/** One call of the service's API with the client's key; throws with the problem's code and detail. */
export async function apiCall(client: ConformanceClient, path: string, init: RequestInit): Promise<any> {
  const response = await (client.fetch ?? fetch)(`${client.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${client.key}`, ...(init.headers as Record<string, string>) },
  });
  const text = await response.text();
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    // described below
  }
  if (!response.ok) throw new Error(`${response.status} ${body?.code ?? response.statusText}: ${body?.detail ?? text.slice(0, 200)}`);
  if (body === null) throw new Error(`${response.status} with a body that is not JSON: ${JSON.stringify(text.slice(0, 200))}`);
  return body;
}

/** Where two outputs part: offset, line, a little context each side, and both lengths. */
export function stdoutDifference(expected: string, got: string): string {
  let at = 0;
  while (at < expected.length && at < got.length && expected[at] === got[at]) at++;
  const line = expected.slice(0, at).split('\n').length;
  const context = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 20), at + 40));
  const lengths = `${Buffer.byteLength(expected)} bytes expected, ${Buffer.byteLength(got)} got`;
  return `stdout differs at character ${at} (line ${line}): expected ${context(expected)}, got ${context(got)} (${lengths})`;
}

/** Stores the module, runs it with the test's args, env and root files, and compares. */
export async function runTest(client: ConformanceClient, test: ConformanceTest): Promise<ConformanceResult> {
  if (test.skipReason) return { test, outcome: 'skipped', reason: test.skipReason };
  try {
    const form = new FormData();
    form.append('wasm', new Blob([readFileSync(test.wasmPath)]), `${test.name}.wasm`);
    form.append('name', `${test.name}.wasm`);
    const module = await apiCall(client, '/api/v1/modules', { method: 'POST', body: form });
    const result = await apiCall(client, `/api/v1/modules/${module.id}/executions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ args: test.args, env: test.env, files: test.files }),
    });
    const stdout = Buffer.from(result.stdout, result.stdoutEncoding === 'base64' ? 'base64' : 'utf8').toString();
    if (result.exitCode !== test.exitCode) {
      const detail = result.exitCode === null ? `${result.status}${result.error ? `: ${result.error}` : ''}` : `exit code ${result.exitCode}`;
      return { test, outcome: 'failed', reason: `expected exit code ${test.exitCode}, got ${detail}${stderrTail(result)}` };
    }
    if (test.stdout !== null && stdout !== test.stdout) {
      return { test, outcome: 'failed', reason: stdoutDifference(test.stdout, stdout) };
    }
    return { test, outcome: 'passed', reason: null };
  } catch (error) {
    return { test, outcome: 'failed', reason: `the API call failed: ${(error as Error).message}` };
  }
}

function stderrTail(result: { stderr: string; stderrEncoding: string }): string {
  const text = Buffer.from(result.stderr, result.stderrEncoding === 'base64' ? 'base64' : 'utf8').toString().trim();
  return text ? ` (stderr: ${JSON.stringify(text.slice(-160))})` : '';
}

/** Runs tests `concurrency` at a time; results come back in the tests' order. */
export async function runAll(client: ConformanceClient, tests: ConformanceTest[], concurrency: number): Promise<ConformanceResult[]> {
  const results: ConformanceResult[] = new Array(tests.length);
  let next = 0;
  const lane = async () => {
    while (next < tests.length) {
      const index = next++;
      results[index] = await runTest(client, tests[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  return results;
}

export function summarize(results: ConformanceResult[]): { passed: number; failed: number; skipped: number } {
  const count = (outcome: ConformanceResult['outcome']) => results.filter((result) => result.outcome === outcome).length;
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}

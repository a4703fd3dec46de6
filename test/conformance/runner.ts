import { readFileSync } from 'node:fs';
import type { ConformanceTest } from './suite';

/** What the runner needs of the service: the public API with one key. */
export interface ConformanceClient {
  url: string;
  key: string;
}

export interface ConformanceResult {
  test: ConformanceTest;
  outcome: 'passed' | 'failed' | 'skipped';
  reason: string | null;
}

async function api(client: ConformanceClient, path: string, init: RequestInit): Promise<any> {
  const response = await fetch(`${client.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${client.key}`, ...(init.headers as Record<string, string>) },
  });
  const body = await response.json();
  if (response.status >= 400) throw new Error(`${response.status} ${body.code}: ${body.detail}`);
  return body;
}

/** Stores the module, runs it with the test's args, env and root files, and compares. */
export async function runTest(client: ConformanceClient, test: ConformanceTest): Promise<ConformanceResult> {
  if (test.skipReason) return { test, outcome: 'skipped', reason: test.skipReason };
  try {
    const form = new FormData();
    form.append('wasm', new Blob([readFileSync(test.wasmPath)]), `${test.name}.wasm`);
    form.append('name', `${test.name}.wasm`);
    const module = await api(client, '/api/v1/modules', { method: 'POST', body: form });
    const result = await api(client, `/api/v1/modules/${module.id}/executions`, {
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
      return { test, outcome: 'failed', reason: `stdout differs: expected ${JSON.stringify(test.stdout.slice(0, 80))}, got ${JSON.stringify(stdout.slice(0, 80))}` };
    }
    return { test, outcome: 'passed', reason: null };
  } catch (error) {
    return { test, outcome: 'failed', reason: `the API refused it: ${(error as Error).message}` };
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

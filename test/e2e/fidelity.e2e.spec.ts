import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE_NAMES } from '../../workers/engines';
import { differenceOn, FIDELITY_CASES, FLOOD_CAP, FidelityCase } from '../fidelity/cases';
import { comparable, expectedFromNodeWasi, RunResult } from '../fidelity/compare';
import { NodeWasiOutcome, runOnNodeWasi } from '../fidelity/node-wasi';
import { repositoryRoot } from '../support/fixtures';
import { postExecute } from '../support/http';
import { call, startTestApp, TestApp } from '../support/test-app';
import { apiFetch } from '../support/contract';

/**
 * The fidelity cases through the HTTP API, on both run routes and both engines, against what
 * node:wasi answers for them with piped stdio (asked again here): stdout, stderr and exit code
 * byte for byte, output cut at the output cap.
 */

const ROOT = repositoryRoot() ?? process.cwd();
const nodeWasi = new Map<string, NodeWasiOutcome>();

beforeAll(async () => {
  for (const test of FIDELITY_CASES) nodeWasi.set(test.name, await runOnNodeWasi(test));
}, 120_000);

/** The answer's output as bytes, whichever encoding it came in. */
function result(body: any): RunResult {
  const bytes = (text: string, encoding: string) => Buffer.from(text, encoding === 'base64' ? 'base64' : 'utf8');
  return { status: body.status, exitCode: body.exitCode, stdout: bytes(body.stdout, body.stdoutEncoding), stderr: bytes(body.stderr, body.stderrEncoding), error: body.error };
}

describe.each(ENGINE_NAMES)('fidelity through the API on the %s engine', (engine) => {
  let service: TestApp;
  let key: string;
  const stored = new Map<string, string>();

  beforeAll(async () => {
    service = await startTestApp({ MAX_OUTPUT_SIZE: String(FLOOD_CAP), WASI_ENGINE: engine, WORKER_THREADS: '2' });
    key = (await service.createKey('enterprise')).key;
  });
  afterAll(() => service.close());

  const wasm = (test: FidelityCase) => readFileSync(join(ROOT, test.wasm));

  /** The module's id, stored once per file (the same bytes twice give one module). */
  async function storedModule(test: FidelityCase): Promise<string> {
    let id = stored.get(test.wasm);
    if (!id) {
      const form = new FormData();
      form.append('wasm', new Blob([wasm(test)]), `${test.name}.wasm`);
      form.append('name', `${test.name}.wasm`);
      const response = await apiFetch(`${service.url}/api/v1/modules`, { method: 'POST', body: form, headers: { authorization: `Bearer ${key}` } });
      id = ((await response.json()) as { id: string }).id;
      stored.set(test.wasm, id);
    }
    return id;
  }

  const routes: Record<string, (test: FidelityCase) => Promise<RunResult>> = {
    'POST /api/v1/execute': async (test) => {
      // A file part: FormData would turn the newlines of a text field into CRLF.
      const input = Buffer.from(test.stdin ?? '');
      const { body } = await postExecute(service.url, key, { wasm: wasm(test), wasmName: `${test.name}.wasm`, input, args: test.args ?? [] });
      return result(body);
    },
    'POST /api/v1/modules/:id/executions': async (test) => {
      const { body } = await call(service.url, 'POST', `/api/v1/modules/${await storedModule(test)}/executions`, key, { stdin: test.stdin ?? '', args: test.args ?? [] });
      return result(body);
    },
  };

  describe.each(Object.keys(routes))('%s', (route) => {
    test.each(FIDELITY_CASES)('$name answers as under node:wasi', async (test) => {
      const ours = await routes[route](test);
      const expected = expectedFromNodeWasi(test, nodeWasi.get(test.name)!, FLOOD_CAP);
      if (differenceOn(engine, test)) return expect(comparable(ours)).not.toEqual(expected);
      expect(comparable(ours)).toEqual(expected);
      if (test.trap) expect(ours.error).toMatch(test.trap);
    });
  });
});

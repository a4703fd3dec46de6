/**
 * npm run conformance -- DIR... [--url URL --key KEY] [--engine NAME] [--concurrency N] [--json FILE] [--min-pass N]
 *
 * Runs folders in the official wasi-testsuite layout through the service's HTTP API as a client
 * would. Without --url it starts the service itself on the embedded default.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServiceProcess } from '../support/service-process';
import { ConformanceClient, ConformanceResult, runAll, summarize } from './runner';
import { loadSuite } from './suite';

interface Options {
  dirs: string[];
  url?: string;
  key?: string;
  engine?: string;
  concurrency: number;
  json?: string;
  minPass?: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { dirs: [], concurrency: 4 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--url') options.url = value();
    else if (arg === '--key') options.key = value();
    else if (arg === '--engine') options.engine = value();
    else if (arg === '--concurrency') options.concurrency = Number(value());
    else if (arg === '--json') options.json = value();
    else if (arg === '--min-pass') options.minPass = Number(value());
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else options.dirs.push(arg);
  }
  if (options.dirs.length === 0) throw new Error('give at least one suite folder, e.g. ../shared/wasi-testsuite/c');
  if (Boolean(options.url) !== Boolean(options.key)) throw new Error('--url and --key go together');
  return options;
}

const ADMIN_TOKEN = 'conformance-admin-token-0123456789';

/** A service of our own on the embedded default, and a key on it. */
export async function startOwnService(engine?: string): Promise<{ client: ConformanceClient; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wasmwiz-conformance-'));
  const service = await startServiceProcess(
    {
      DATA_DIR: dataDir,
      ADMIN_TOKEN,
      API_SALT: 'conformance-salt-0123456789',
      EXECUTION_TIMEOUT: '10s',
      MAX_INPUT_SIZE: '8MB',
      ...(engine ? { WASI_ENGINE: engine } : {}),
    },
    120_000,
  );
  const admin = (path: string, body: unknown) =>
    fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((response) => response.json());
  const account = await admin('/api/v1/admin/accounts', { name: 'conformance', tier: 'enterprise' });
  const { key } = await admin(`/api/v1/admin/accounts/${account.id}/keys`, {});
  return {
    client: { url: service.url, key },
    async stop() {
      service.child.kill('SIGTERM');
      await service.exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function report(results: ConformanceResult[]): string {
  const lines = results.filter((r) => r.outcome === 'failed').map((r) => `FAIL ${r.test.suite}/${r.test.name}: ${r.reason}`);
  const skipped = results.filter((r) => r.outcome === 'skipped').map((r) => `skip ${r.test.suite}/${r.test.name}: ${r.reason}`);
  const { passed, failed, skipped: skips } = summarize(results);
  return [...lines, ...skipped, `${passed} passed, ${failed} failed, ${skips} skipped`].join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const tests = options.dirs.flatMap(loadSuite);
  const own = options.url ? null : await startOwnService(options.engine);
  const client = own?.client ?? { url: options.url!, key: options.key! };
  try {
    const results = await runAll(client, tests, options.concurrency);
    console.log(report(results));
    if (options.json) {
      const rows = results.map((r) => ({ suite: r.test.suite, name: r.test.name, outcome: r.outcome, reason: r.reason }));
      writeFileSync(options.json, JSON.stringify({ engine: options.engine ?? 'default', ...summarize(results), results: rows }, null, 2));
    }
    if (options.minPass !== undefined && summarize(results).passed < options.minPass) process.exitCode = 1;
  } finally {
    await own?.stop();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`conformance: ${(error as Error).message}`);
    process.exit(2);
  });
}

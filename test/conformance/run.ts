/**
 * npm run conformance -- DIR... [--url URL --key KEY] [--engine NAME] [--concurrency N] [--json FILE] [--min-pass N]
 *
 * Runs folders in the official wasi-testsuite layout through the service's HTTP API as a client
 * would. Without --url it starts the service itself on the embedded default.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINE_NAMES } from '../../workers/engines';
import { startServiceProcess } from '../support/service-process';
import { apiCall, ConformanceClient, ConformanceResult, runAll, summarize } from './runner';
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

const USAGE = `usage: npm run conformance -- DIR... [--url URL --key KEY | --engine NAME] [--concurrency N] [--json FILE] [--min-pass N]
  DIR          a folder in the wasi-testsuite layout, e.g. ../shared/wasi-testsuite/c
  --url, --key a running service and an API key on it (otherwise the runner starts one itself)
  --engine     WASI_ENGINE of the service the runner starts (${ENGINE_NAMES.join(', ')}, default)
  --json FILE  write every test's outcome and reason to FILE
  --min-pass N exit 1 when fewer than N tests pass`;

function parseOptions(argv: string[]): Options {
  const options: Options = { dirs: [], concurrency: 4 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    const count = (minimum: number) => {
      const text = value();
      const number = Number(text);
      if (!Number.isInteger(number) || number < minimum) throw new Error(`${arg} takes a whole number >= ${minimum}, not "${text}"`);
      return number;
    };
    if (arg === '--url') options.url = value().replace(/\/+$/, '');
    else if (arg === '--key') options.key = value();
    else if (arg === '--engine') options.engine = value();
    else if (arg === '--concurrency') options.concurrency = count(1);
    else if (arg === '--json') options.json = value();
    else if (arg === '--min-pass') options.minPass = count(0);
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else options.dirs.push(arg);
  }
  if (options.dirs.length === 0) throw new Error(`give at least one suite folder\n${USAGE}`);
  if (Boolean(options.url) !== Boolean(options.key)) throw new Error('--url and --key go together');
  if (options.url && options.engine) throw new Error('--engine picks the engine of a service the runner starts; it cannot change the one at --url');
  if (options.engine && options.engine !== 'default' && !(ENGINE_NAMES as readonly string[]).includes(options.engine)) {
    throw new Error(`unknown engine "${options.engine}"; known: ${ENGINE_NAMES.join(', ')}`);
  }
  return options;
}

const ADMIN_TOKEN = 'conformance-admin-token-0123456789';

/**
 * A service of our own (`node dist/src/main.js`, a child process) on the embedded default: fresh
 * PGlite data in a temporary folder, a known admin token, an enterprise account and a key on it.
 * The ceilings are raised for the suite: some tests sleep, and root folders can be large.
 */
export async function startOwnService(engine?: string): Promise<{ client: ConformanceClient; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wasmwiz-conformance-'));
  let service: Awaited<ReturnType<typeof startServiceProcess>> | undefined;
  const stop = async () => {
    if (service && service.child.exitCode === null) {
      service.child.kill('SIGTERM');
      await service.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    service = await startServiceProcess(
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
    const admin = { url: service.url, key: ADMIN_TOKEN };
    const account = await apiCall(admin, '/api/v1/admin/accounts', jsonPost({ name: 'conformance', tier: 'enterprise' }));
    const { key } = await apiCall(admin, `/api/v1/admin/accounts/${account.id}/keys`, jsonPost({}));
    return { client: { url: service.url, key }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function jsonPost(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export function report(results: ConformanceResult[]): string {
  const lines = results.filter((r) => r.outcome === 'failed').map((r) => `FAIL ${r.test.suite}/${r.test.name}: ${r.reason}`);
  const skipped = results.filter((r) => r.outcome === 'skipped').map((r) => `skip ${r.test.suite}/${r.test.name}: ${r.reason}`);
  const { passed, failed, skipped: skips } = summarize(results);
  return [...lines, ...skipped, `${passed} passed, ${failed} failed, ${skips} skipped`].join('\n');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const options = parseOptions(argv);
  const tests = options.dirs.flatMap(loadSuite);
  const own = options.url ? null : await startOwnService(options.engine);
  const client = own?.client ?? { url: options.url!, key: options.key! };
  try {
    // A wrong URL or key is the runner's failure, not 72 test failures.
    await apiCall(client, '/api/v1/me', { method: 'GET' }).catch((error: Error) => {
      throw new Error(`${client.url} does not accept the key: ${error.message}`);
    });
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

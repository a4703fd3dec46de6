import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_CODES } from '../../src/cli/exit-codes';
import { builtScript, example, ROOT } from '../support/fixtures';
import { freePort } from '../support/service-process';
import { startTestApp, TestApp } from '../support/test-app';

const BIN = builtScript(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin.wasmwiz);

interface Outcome {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** `wasmwiz ARGS` as a child process, with `stdin` written to it and closed. */
function wasmwiz(args: string[], env: Record<string, string>, stdin: Buffer | string = ''): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, cwd: ROOT });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(stdout), stderr }));
    child.stdin.end(stdin);
  });
}

describe('the wasmwiz CLI against a running server', () => {
  let service: TestApp;
  let env: Record<string, string>;
  const examplePath = (name: string) => join(ROOT, 'examples', `${name}.wasm`);

  beforeAll(async () => {
    service = await startTestApp();
    const { key } = await service.createKey('pro');
    env = { WASMWIZ_URL: service.url, WASMWIZ_KEY: key, WASMWIZ_ADMIN_TOKEN: service.config.adminToken! };
  });
  afterAll(() => service.close());

  it('run pipes its stdin to the guest and the guest stdout to its own, and exits 0', async () => {
    const input = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 256));
    const { code, stdout, stderr } = await wasmwiz(['run', examplePath('echo')], env, input);
    expect(stderr).toBe('');
    expect(stdout.equals(input)).toBe(true);
    expect(code).toBe(0);
  });

  it("run exits with the guest's exit code, and writes the guest's stderr to its own", async () => {
    const { code, stderr } = await wasmwiz(['run', examplePath('exit-code'), '42'], env);
    expect(stderr).toContain('exiting with 42');
    expect(code).toBe(42);
  });

  it('run passes args after the file (options too) and --env to the guest', async () => {
    const { code, stdout } = await wasmwiz(['run', '--env', 'GREETING=hi there', examplePath('args-env'), 'one', '--two'], env);
    expect(stdout.toString()).toContain('argv[0]=args-env.wasm\nargv[1]=one\nargv[2]=--two\n');
    expect(stdout.toString()).toContain('env GREETING=hi there');
    expect(code).toBe(0);
  });

  it('run --out-files writes the files the guest left under --output-dir, and names those left out', async () => {
    const outputDir = join(mkdtempSync(join(tmpdir(), 'wasmwiz-cli-')), 'out');
    try {
      const program = join(ROOT, 'test', 'fixtures', 'c', 'write-files.wasm');
      // big.bin is over the pro tier's 1 MiB output limit.
      const { code, stdout, stderr } = await wasmwiz(['run', '--out-files', 'dist/**/*.js', '-o', 'big.bin', '--output-dir', outputDir, program, '2000000'], env);
      expect(stdout.toString()).toBe('wrote\n');
      expect(stderr).toContain('wasmwiz: big.bin was left out (over the output budget)');
      expect(code).toBe(0);
      expect(readFileSync(join(outputDir, 'dist', 'sub', 'b.js'), 'utf8')).toBe("console.log('b');\n");
      expect(readFileSync(join(outputDir, 'dist', '.hidden.js'), 'utf8')).toBe('hidden\n');
    } finally {
      rmSync(join(outputDir, '..'), { recursive: true, force: true });
    }
  });

  it('run reports a run stopped at its time limit with the documented exit code', async () => {
    const { code, stderr } = await wasmwiz(['run', join(ROOT, 'test', 'fixtures', 'hostile', 'busy-loop.wasm')], env);
    expect(stderr).toContain('wasmwiz: time_limit_exceeded');
    expect(code).toBe(EXIT_CODES.timeLimit);
  });

  it('admin accounts create prints the new account id, and admin keys create a working key', async () => {
    const account = await wasmwiz(['admin', 'accounts', 'create', '--name', 'from the CLI', '--tier', 'basic'], env);
    expect(account.code).toBe(0);
    const id = account.stdout.toString().trim();
    expect((await service.admin('GET', `/api/v1/admin/accounts/${id}`)).body).toMatchObject({ id, name: 'from the CLI', tier: 'basic' });
    const key = await wasmwiz(['admin', 'keys', 'create', id], env);
    expect(key.code).toBe(0);
    const run = await wasmwiz(['run', examplePath('hello')], { ...env, WASMWIZ_KEY: key.stdout.toString().trim() });
    expect(run.stdout.toString()).toBe('Hello, WasmWiz!\n');
  });

  it('prints a problem from the API as its title and detail, with the documented exit code', async () => {
    const wrongKey = await wasmwiz(['run', examplePath('hello')], { ...env, WASMWIZ_KEY: 'ww_live_0000000000000000000000AAAAAA' });
    expect(wrongKey.stderr).toBe('wasmwiz: Unauthorized: The API key is malformed (its checksum does not match): check for a typo (401 unauthorized)\n');
    expect(wrongKey.code).toBe(EXIT_CODES.failed);
    const badTier = await wasmwiz(['admin', 'accounts', 'create', '--name', 'x', '--tier', 'platinum'], env);
    expect(badTier.stderr).toMatch(/^wasmwiz: Bad request: There is no tier "platinum"; the tiers are .* \(400 unknown_tier\)\n$/);
    expect(badTier.code).toBe(EXIT_CODES.failed);
    const notWasm = await wasmwiz(['run', join(ROOT, 'test', 'fixtures', 'hostile', 'not-wasm.wasm')], env);
    expect(notWasm.stderr).toContain('wasmwiz: Invalid WebAssembly module: The upload is not a WebAssembly module');
    expect(notWasm.code).toBe(EXIT_CODES.moduleRefused);
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const unreachable = await wasmwiz(['run', examplePath('hello')], { ...env, WASMWIZ_URL: nowhere });
    expect(unreachable.stderr).toBe(`wasmwiz: cannot reach ${nowhere} (WASMWIZ_URL): ECONNREFUSED\n`);
    expect(unreachable.code).toBe(EXIT_CODES.failed);
  });

  it('queues a run with --async, prints its id, and `wait` prints its output and exits as run does', async () => {
    const queued = await wasmwiz(['run', '--async', examplePath('hello')], env);
    expect(queued.code).toBe(0);
    const id = queued.stdout.toString().trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const waited = await wasmwiz(['wait', id], env);
    expect(waited.code).toBe(0);
    expect(waited.stdout.toString()).toBe('Hello, WasmWiz!\n');
  });

  it('pushes, lists and removes modules, and prints the usage', async () => {
    const pushed = await wasmwiz(['modules', 'push', examplePath('fibonacci'), '--name', 'fib'], env);
    const id = pushed.stdout.toString().trim();
    expect(pushed.code).toBe(0);
    const listed = await wasmwiz(['modules', 'list'], env);
    expect(listed.stdout.toString()).toContain(`${id}\tfib@1\t${example('fibonacci').length}\t`);
    expect((await wasmwiz(['modules', 'rm', id], env)).code).toBe(0);
    expect((await wasmwiz(['modules', 'list'], env)).stdout.toString()).not.toContain(id);
    const report = await wasmwiz(['usage', '--bucket', 'day'], env);
    expect(JSON.parse(report.stdout.toString())).toMatchObject({ bucket: 'day', totals: { executions: expect.any(Number) } });
  });

  it('runs a stored module named by name, name@version or id, with stdin, args and --env', async () => {
    const first = (await wasmwiz(['modules', 'push', examplePath('echo'), '--name', 'stored-echo'], env)).stdout.toString().trim();
    await wasmwiz(['modules', 'push', examplePath('args-env'), '--name', 'stored-echo'], env);
    const latest = await wasmwiz(['run', '--env', 'GREETING=hi', 'stored-echo', 'one'], env);
    expect(latest.stdout.toString()).toContain('argv[1]=one\n');
    expect(latest.stdout.toString()).toContain('GREETING=hi');
    expect(latest.code).toBe(0);
    const input = Buffer.from([0, 1, 2, 255, 254]);
    for (const ref of ['stored-echo@1', first]) {
      const pinned = await wasmwiz(['run', ref], env, input);
      expect(pinned.stdout.equals(input)).toBe(true);
      expect(pinned.code).toBe(0);
    }
    const unknown = await wasmwiz(['run', 'no-such-module'], env);
    expect(unknown.stderr).toContain('The account has no module named "no-such-module"');
    expect(unknown.code).toBe(EXIT_CODES.failed);
    const missingFile = await wasmwiz(['run', 'missing.wasm'], env);
    expect(missingFile.stderr).toBe('wasmwiz: cannot read missing.wasm: ENOENT\n');
  });

  it('checks its arguments before calling anything', async () => {
    const { code, stderr } = await wasmwiz(['run', '--env', 'NOEQUALS', examplePath('hello')], env);
    expect(stderr).toBe('wasmwiz: --env takes NAME=VALUE, not "NOEQUALS"\n');
    expect(code).toBe(EXIT_CODES.failed);
    expect((await wasmwiz(['run', '--timeout', 'soon', examplePath('hello')], env)).code).toBe(EXIT_CODES.failed);
    const version = await wasmwiz(['--version'], env);
    expect(version).toMatchObject({ code: 0, stderr: '' });
    expect(version.stdout.toString()).toBe(`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });
});

import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { builtScript, ROOT } from './fixtures';

export interface ServiceProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Runs `node dist/src/main.js` as an operator would, and waits until it serves. `nodeArgs` go to
 * node before the script (e.g. `--cpu-prof`, which NODE_OPTIONS does not accept).
 */
export async function startServiceProcess(env: Record<string, string>, readyTimeoutMs = 150_000, nodeArgs: string[] = []): Promise<ServiceProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, builtScript('dist/src/main.js')], {
    env: serviceEnv(port, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return untilServing(child, port, readyTimeoutMs, () => child.kill('SIGKILL'));
}

/**
 * Runs `npm start` as a terminal does: in a process group of its own, so that
 * `process.kill(-child.pid, signal)` reaches npm and the service together, as Ctrl-C does. npm's
 * own `ignore-scripts` setting skips `prestart`: the suite runs from a build already, and
 * rebuilding dist/ here would rewrite files that other suites are loading.
 */
export async function startNpmStart(env: Record<string, string>, readyTimeoutMs = 150_000): Promise<ServiceProcess> {
  const port = await freePort();
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true,
    env: { ...serviceEnv(port, env), npm_config_ignore_scripts: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return untilServing(child, port, readyTimeoutMs, () => killProcessGroup(child));
}

/** SIGKILL to the whole group a detached child leads (npm and the service), if it is still there. */
export function killProcessGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // the group has exited
  }
}

function serviceEnv(port: number, env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', SERVER_HOST: '127.0.0.1', SERVER_PORT: String(port), LOG_LEVEL: 'warn', ...env };
}

async function untilServing(child: ChildProcess, port: number, readyTimeoutMs: number, kill: () => void): Promise<ServiceProcess> {
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let timer: NodeJS.Timeout | undefined;
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk;
      if (/WasmWiz is serving/.test(output)) resolve();
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then((code) => reject(new Error(`the service exited with ${code}:\n${output}`)));
    timer = setTimeout(() => {
      kill();
      reject(new Error(`the service did not start in time:\n${output}`));
    }, readyTimeoutMs);
  }).finally(() => clearTimeout(timer));
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, exited };
}

/** Runs main.js expecting it to refuse to start; returns its exit code and output. */
export function runServiceExpectingExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return runScriptExpectingExit('dist/src/main.js', env);
}

/** Runs a compiled script of the project to its end; returns its exit code and output. */
export function runScriptExpectingExit(script: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [builtScript(script)], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

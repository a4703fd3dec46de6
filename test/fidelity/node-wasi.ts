import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot } from '../support/fixtures';
import { FidelityCase } from './cases';
import { compiledFile } from '../../src/common/paths';

export interface NodeWasiOutcome {
  exitCode: number | null;
  stdout: Buffer;
  stderr: Buffer;
}

const ROOT = repositoryRoot() ?? process.cwd();
const TIMEOUT_MS = 20_000;

/**
 * Runs a case under node:wasi as a user would with piped stdio: a child process (so stdin,
 * stdout and stderr are real pipes, as `spawn` makes them), a fresh empty directory as `/`.
 * Node 20 is run with --no-turbo-fast-api-calls, without which node:wasi crashes after about a
 * thousand runs in one process.
 */
export async function runOnNodeWasi(test: FidelityCase): Promise<NodeWasiOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'wasmwiz-node-wasi-'));
  const config = JSON.stringify({ wasm: join(ROOT, test.wasm), args: [`${test.name}.wasm`, ...(test.args ?? [])], dir });
  try {
    const child = spawn(process.execPath, ['--no-warnings', '--no-turbo-fast-api-calls', compiledFile('test', 'fidelity', 'node-wasi-child'), config], {
      stdio: 'pipe',
      timeout: TIMEOUT_MS,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdin.end(test.stdin ?? '');
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve(code));
    });
    return { exitCode, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

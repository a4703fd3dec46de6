import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { answer, apiClient, CliError, formData, ProblemError, readLocal } from './api';
import type { components } from './api-schema';
import { parseModuleRef } from '../wasm-modules/module-ref';
import { exitCodeOf } from './exit-codes';

type ExecutionResponse = components['schemas']['ExecutionResponse'];
type ExecuteForm = components['schemas']['ExecuteUploadForm'];
type StoredRun = components['schemas']['ExecuteStoredModuleDto'];

/**
 * Fields of a run that DESIGN.md names and this CLI sends, which a server may not take yet:
 * `wait: false` (202 + Location, then GET /api/v1/executions/{id}).
 */
interface PlannedFields {
  wait?: string;
}
type RunOutput = Pick<ExecutionResponse, 'status' | 'exitCode' | 'error'> &
  Partial<Pick<ExecutionResponse, 'stdout' | 'stderr' | 'stdoutEncoding' | 'stderrEncoding' | 'files' | 'filesOmitted'>>;

const OPTION_OF_FIELD: Record<string, string> = { files: '--file', timeoutMs: '--timeout', outputFiles: '--out-files', wait: '--async' };
const UNFINISHED = ['queued', 'running'];

export interface RunOptions {
  env: string[];
  file: string[];
  outFiles: string[];
  /** Where the files of --out-files are written. */
  outputDir: string;
  timeout?: number;
  async?: boolean;
}

/**
 * `wasmwiz run MODULE [ARGS...]`: the module runs with this process's stdin, and its outputs and
 * exit code become this process's. MODULE is a local .wasm file, or a stored module's name,
 * `name@version` or id.
 */
export async function run(module: string, args: string[], options: RunOptions): Promise<number> {
  const stdin = await readStdin();
  const stored = storedModuleRef(module);
  const result = stored === null ? await runFile(module, args, stdin, options) : await runStored(stored, args, stdin, options);
  const body = withRefusalExplained(() => answer(result)) as ExecutionResponse;
  if (options.async) {
    if (result.response.status !== 202) throw new CliError('the server ran the module at once instead of queueing it (`wait: false`)');
    console.log(body?.id ?? result.response.headers.get('location')?.split('/').pop());
    return 0;
  }
  writeOutputs(body);
  if (options.outFiles.length > 0) writeOutputFiles(body, options.outputDir);
  return exitCodeOf(body.status, body.exitCode);
}

/** A stored module's name or id, unless MODULE is a local file or reads as a path (it has a `/` or ends in `.wasm`). */
function storedModuleRef(module: string): string | null {
  if (existsSync(module) || module.includes(sep) || module.includes('/') || module.endsWith('.wasm')) return null;
  return parseModuleRef(module) === null ? null : module;
}

function runFile(wasmPath: string, args: string[], stdin: Buffer | null, options: RunOptions) {
  const fields: ExecuteForm & PlannedFields = {
    wasm: new File([new Uint8Array(readLocal(wasmPath))], basename(wasmPath)),
    args: JSON.stringify(args),
    env: JSON.stringify(environment(options)),
  };
  if (stdin) fields.input = new File([new Uint8Array(stdin)], 'stdin');
  if (options.file.length > 0) fields.files = JSON.stringify(guestFiles(options));
  if (options.timeout !== undefined) fields.timeoutMs = String(options.timeout);
  if (options.outFiles.length > 0) fields.outputFiles = JSON.stringify(options.outFiles);
  if (options.async) fields.wait = 'false';
  return apiClient('WASMWIZ_KEY').POST('/api/v1/execute', { body: fields, bodySerializer: formData });
}

function runStored(ref: string, args: string[], stdin: Buffer | null, options: RunOptions) {
  const body: StoredRun = { args, env: environment(options), wait: !options.async };
  if (stdin) body.stdinBase64 = stdin.toString('base64');
  if (options.file.length > 0) body.files = guestFiles(options);
  if (options.timeout !== undefined) body.timeoutMs = options.timeout;
  if (options.outFiles.length > 0) body.outputFiles = options.outFiles;
  return apiClient('WASMWIZ_KEY').POST('/api/v1/modules/{id}/executions', { params: { path: { id: ref } }, body });
}

const environment = (options: RunOptions) => Object.fromEntries(options.env.map((pair) => splitPair(pair, '--env', 'NAME=VALUE')));
const guestFiles = (options: RunOptions) => Object.fromEntries(options.file.map(guestFile));

/** `wasmwiz wait ID`: waits for an execution to end, then prints and exits as `run` would. */
export async function wait(id: string): Promise<number> {
  const client = apiClient('WASMWIZ_KEY');
  for (let pause = 250; ; pause = Math.min(pause * 1.5, 2000)) {
    const record = answer(await client.GET('/api/v1/executions/{id}', { params: { path: { id } } })) as RunOutput;
    if (!UNFINISHED.includes(record.status)) {
      writeOutputs(record);
      return exitCodeOf(record.status, record.exitCode);
    }
    await sleep(pause);
  }
}

function writeOutputs(result: RunOutput): void {
  if (result.stdout) process.stdout.write(Buffer.from(result.stdout, result.stdoutEncoding === 'base64' ? 'base64' : 'utf8'));
  if (result.stderr) process.stderr.write(Buffer.from(result.stderr, result.stderrEncoding === 'base64' ? 'base64' : 'utf8'));
  if (result.status !== 'success' && result.status !== 'exit_error') console.error(`wasmwiz: ${result.status}${result.error ? `: ${result.error}` : ''}`);
}

/** The files the guest left that `--out-files` asked for, written under `directory`. */
function writeOutputFiles(result: RunOutput, directory: string): void {
  if (!result.files) throw new CliError('the server did not return `files`: it does not take `outputFiles` (--out-files)');
  const root = resolve(directory);
  for (const [path, content] of Object.entries(result.files)) {
    const target = resolve(root, path.replace(/^\/+/, ''));
    if (!target.startsWith(root + sep)) throw new CliError(`the server returned the file "${path}", which is not under ${directory}`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, Buffer.from(content, 'base64'));
  }
  for (const path of result.filesOmitted ?? []) console.error(`wasmwiz: ${path} was left out (over the output budget)`);
}

/** A server that does not take a field this CLI sent names it as an `unknown_field`: say which option needs it. */
function withRefusalExplained<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    const field = error instanceof ProblemError && error.problem.code === 'unknown_field' ? error.problem.field : undefined;
    if (!field || !(field in OPTION_OF_FIELD)) throw error;
    const option = OPTION_OF_FIELD[field];
    throw new CliError(`this server does not take \`${field}\`, which ${option} needs: ${(error as Error).message}`);
  }
}

function guestFile(pair: string): [string, string] {
  const [guest, local] = splitPair(pair, '--file', 'GUEST=LOCAL');
  return [guest, readLocal(local).toString('base64')];
}

function splitPair(pair: string, option: string, form: string): [string, string] {
  const at = pair.indexOf('=');
  if (at <= 0) throw new CliError(`${option} takes ${form}, not "${pair}"`);
  return [pair.slice(0, at), pair.slice(at + 1)];
}

/** All of stdin when it is redirected or piped; a terminal gives none (the run does not wait for one). */
async function readStdin(): Promise<Buffer | null> {
  if (process.stdin.isTTY) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

import { readFileSync } from 'node:fs';
import createClient, { type Client } from 'openapi-fetch';
import { MODULE_REFUSALS } from '../http/problem-codes';
import type { components, paths } from './api-schema';
import { EXIT_CODES } from './exit-codes';

export type Problem = components['schemas']['Problem'];
export type ApiClient = Client<paths>;

const DEFAULT_URL = 'http://127.0.0.1:8080';

/** A failure wasmwiz reports on stderr (`wasmwiz: <message>`) before exiting with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_CODES.failed,
  ) {
    super(message);
  }
}

/** The API answered with a problem: its title and detail, and the exit code that goes with it. */
export class ProblemError extends CliError {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    const refused = MODULE_REFUSALS.includes(problem.code);
    super(`${problem.title}: ${problem.detail} (${status} ${problem.code})`, refused ? EXIT_CODES.moduleRefused : EXIT_CODES.failed);
  }
}

/** The client for WASMWIZ_URL with the credential in `variable` (WASMWIZ_KEY, or WASMWIZ_ADMIN_TOKEN for admin commands). */
export function apiClient(variable: 'WASMWIZ_KEY' | 'WASMWIZ_ADMIN_TOKEN'): ApiClient {
  const credential = process.env[variable] || (variable === 'WASMWIZ_ADMIN_TOKEN' ? process.env.WASMWIZ_KEY : undefined);
  if (!credential) throw new CliError(`set ${variable} to ${variable === 'WASMWIZ_KEY' ? 'an API key' : 'the admin token (or a key with the admin scope)'}`);
  const baseUrl = (process.env.WASMWIZ_URL || DEFAULT_URL).replace(/\/+$/, '');
  const fetchOrExplain = async (request: Request) => {
    try {
      return await fetch(request);
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new CliError(`cannot reach ${baseUrl} (WASMWIZ_URL): ${cause?.code ?? cause?.message ?? (error as Error).message}`);
    }
  };
  return createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${credential}` }, fetch: fetchOrExplain });
}

/** The body of a 2xx answer; a problem (or any other error answer) becomes a ProblemError or CliError. */
export function answer<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  const error = result.error as Partial<Problem> | string | undefined;
  if (typeof error === 'object' && error?.code && error.title) throw new ProblemError(result.response.status, error as Problem);
  throw new CliError(`the API answered ${result.response.status} ${result.response.statusText}${typeof error === 'string' && error ? `: ${error.slice(0, 200)}` : ''}`);
}

/** A multipart body: each File part keeps its name (a module's file name is the guest's argv[0]). */
export function formData(body: Record<string, string | Blob | undefined>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) if (value !== undefined) form.append(name, value);
  return form;
}

export function readLocal(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

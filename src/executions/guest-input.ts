import { problem } from '../http/problem';

export const MAX_ARGS = 1024;
export const MAX_ENV = 1024;

/** Parses the `args` field: a JSON array of strings, which become argv[1..]. */
export function parseArgs(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  const value = parseJson('args', raw);
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw problem('invalid_args', 'The field `args` must be a JSON array of strings, e.g. ["--n", "10"]', { field: 'args' });
  }
  return checkArgs(value as string[]);
}

export function checkArgs(args: string[]): string[] {
  if (args.length > MAX_ARGS) {
    throw problem('invalid_args', `The field \`args\` has ${args.length} items; at most ${MAX_ARGS} are allowed`, { field: 'args' });
  }
  if (args.some((arg) => arg.includes('\0'))) {
    throw problem('invalid_args', 'The field `args` contains a NUL character, which WASI arguments cannot hold', { field: 'args' });
  }
  return args;
}

/** Parses the `env` field: a JSON object of strings. */
export function parseEnv(raw: string | undefined): Record<string, string> {
  if (raw === undefined || raw.trim() === '') return {};
  return checkEnv(parseJson('env', raw));
}

export function checkEnv(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw problem('invalid_env', 'The field `env` must be a JSON object of strings, e.g. {"NAME": "value"}', { field: 'env' });
  }
  const env = value as Record<string, string>;
  const names = Object.keys(env);
  if (names.length > MAX_ENV) {
    throw problem('invalid_env', `The field \`env\` has ${names.length} variables; at most ${MAX_ENV} are allowed`, { field: 'env' });
  }
  const bad = names.find((name) => name === '' || name.includes('=') || name.includes('\0') || env[name].includes('\0'));
  if (bad !== undefined) {
    throw problem('invalid_env', `The environment variable "${bad}" is invalid: names cannot be empty or hold "=" or NUL`, {
      field: 'env',
    });
  }
  return env;
}

function parseJson(field: 'args' | 'env', raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw problem(`invalid_${field}`, `The field \`${field}\` is not valid JSON: ${(error as Error).message}`, { field });
  }
}

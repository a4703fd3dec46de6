import { posix } from 'node:path';
import { problem, ProblemException } from '../http/problem';
import type { GuestFile } from '../common/run-input';

export const MAX_FILES = 1000;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * `files` of a request: path → base64 (a JSON object), and on multipart also file parts named
 * `files[<path>]` (`parts`, their bytes as sent), all placed under the guest's root directory.
 */
export function parseGuestFiles(files: Record<string, unknown> | undefined, parts: GuestFile[] = []): GuestFile[] {
  const entries = Object.entries(files ?? {});
  if (entries.length + parts.length > MAX_FILES) {
    throw problem('invalid_files', `\`files\` has ${entries.length + parts.length} entries; at most ${MAX_FILES} are allowed`, { field: 'files' });
  }
  const decoded = entries.map(([path, content]) => {
    if (typeof content !== 'string' || content.length % 4 !== 0 || !BASE64.test(content)) {
      throw problem('invalid_files', `\`files["${path}"]\` must be base64`, { field: `files.${path}` });
    }
    return { path, data: Buffer.from(content, 'base64') };
  });
  const all = [...decoded, ...parts];
  const parsed = all.map((file) => ({ path: guestPath(file.path), data: file.data }));
  refuseConflicts(
    all.map((file) => file.path),
    parsed.map((file) => file.path),
  );
  return parsed;
}

/** The JSON text of a multipart `files` field. */
export function parseGuestFilesJson(raw: string | undefined, parts: GuestFile[]): GuestFile[] {
  if (raw === undefined || raw.trim() === '') return parseGuestFiles(undefined, parts);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw problem('invalid_files', `The field \`files\` is not valid JSON: ${(error as Error).message}`, { field: 'files' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw problem('invalid_files', 'The field `files` must be a JSON object of path -> base64', { field: 'files' });
  }
  return parseGuestFiles(value as Record<string, unknown>, parts);
}

function invalidPath(path: string, why: string): ProblemException {
  return problem('invalid_files', `\`files\`: "${path}" ${why}`, { field: `files.${path}` });
}

/**
 * PATH_MAX and NAME_MAX of a POSIX host: the guest's directory tree is made, and walked, one
 * level per name, and a path of 20,000 levels overflowed the host's stack (answered as a trap).
 */
export const MAX_PATH_BYTES = 4096;
export const MAX_NAME_BYTES = 255;

function guestPath(path: string): string {
  if (path.includes('\0')) throw invalidPath(path, 'holds a NUL character, which no file name can');
  const bytes = Buffer.byteLength(path);
  if (bytes > MAX_PATH_BYTES) throw invalidPath(`${path.slice(0, 64)}…`, `is ${bytes} bytes long; a path may have at most ${MAX_PATH_BYTES}`);
  const long = path.split('/').find((name) => Buffer.byteLength(name) > MAX_NAME_BYTES);
  if (long !== undefined) throw invalidPath(path, `has a name of ${Buffer.byteLength(long)} bytes; a name may have at most ${MAX_NAME_BYTES}`);
  const normal = posix.normalize(path.replace(/^\/+/, ''));
  if (normal === '.' || normal === '..' || normal.startsWith('../')) throw invalidPath(path, "is not a path inside the guest's directory");
  if (normal.endsWith('/')) throw invalidPath(path, 'names a directory, not a file');
  return normal;
}

/**
 * Two entries for the same file, or a file where another entry needs a directory ("a" and
 * "a/b"), cannot both be placed; the worker used to fail on them with an internal error. Sorted
 * with "/" before every other character, whatever lies under a path comes right after it, so
 * comparing neighbours finds every conflict.
 */
function refuseConflicts(requested: string[], normalized: string[]): void {
  const order = normalized
    .map((path, index) => ({ key: path.replaceAll('/', '\0'), index }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let n = 1; n < order.length; n++) {
    const first = requested[order[n - 1].index];
    const second = requested[order[n].index];
    if (order[n].key === order[n - 1].key) throw invalidPath(second, `names the same file as "${first}"`);
    if (order[n].key.startsWith(`${order[n - 1].key}\0`)) {
      throw invalidPath(second, `needs "${normalized[order[n - 1].index]}" to be a directory, but "${first}" makes it a file`);
    }
  }
}

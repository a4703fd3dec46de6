import { posix } from 'node:path';
import { badRequest } from '../http/problem';
import type { GuestFile } from '../sandbox/sandbox.types';

export const MAX_FILES = 1000;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** `files` of a request: path → base64, placed under the guest's root directory. */
export function parseGuestFiles(files: Record<string, unknown> | undefined): GuestFile[] {
  if (!files) return [];
  const entries = Object.entries(files);
  if (entries.length > MAX_FILES) {
    throw badRequest('invalid_files', `\`files\` has ${entries.length} entries; at most ${MAX_FILES} are allowed`, { field: 'files' });
  }
  return entries.map(([path, content]) => {
    if (typeof content !== 'string' || content.length % 4 !== 0 || !BASE64.test(content)) {
      throw badRequest('invalid_files', `\`files["${path}"]\` must be base64`, { field: `files.${path}` });
    }
    return { path: guestPath(path), data: Buffer.from(content, 'base64') };
  });
}

function guestPath(path: string): string {
  const normal = posix.normalize(path.replace(/^\/+/, ''));
  if (normal === '.' || normal === '' || normal.startsWith('..') || path.includes('\0')) {
    throw badRequest('invalid_files', `\`files\`: "${path}" is not a path inside the guest's directory`, { field: `files.${path}` });
  }
  return normal;
}

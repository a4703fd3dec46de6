import { posix } from 'node:path';
import { problem, ProblemException } from '../http/problem';

/** Patterns one run may name in `outputFiles`. */
export const MAX_OUTPUT_FILE_PATTERNS = 256;
/** Bytes of one pattern: room for any path a guest writes. */
export const MAX_OUTPUT_FILE_PATTERN_BYTES = 1024;

/** How the API documents the field, on both run routes. */
export const OUTPUT_FILES =
  'Files to bring back: paths or glob patterns (`*`, `**`, `?`, `[...]`, `{a,b}`) relative to the guest root, e.g. `out.wav`, `dist/**/*.js`; a leading `/` is the guest root too. The answer gives `files` (path -> base64) and `filesOmitted`';

const invalid = (detail: string) => problem('invalid_output_files', detail, { field: 'outputFiles' });

/**
 * `outputFiles` of a request: an array of patterns, each made relative to the guest root (a
 * leading `/` dropped, `.` and `//` folded), none reaching above it. What the run input carries.
 */
export function checkOutputFiles(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw invalid('The field `outputFiles` must be an array of paths or glob patterns, e.g. ["out.wav", "dist/**/*.js"]');
  }
  if (value.length > MAX_OUTPUT_FILE_PATTERNS) {
    throw invalid(`The field \`outputFiles\` has ${value.length} patterns; at most ${MAX_OUTPUT_FILE_PATTERNS} are allowed`);
  }
  return [...new Set((value as string[]).map(guestPattern))];
}

/** The same field as multipart or query text: a JSON array. */
export function parseOutputFiles(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  try {
    return checkOutputFiles(JSON.parse(raw));
  } catch (error) {
    if (error instanceof ProblemException) throw error;
    throw invalid(`The field \`outputFiles\` is not valid JSON: ${(error as Error).message}`);
  }
}

function guestPattern(pattern: string): string {
  if (Buffer.byteLength(pattern) > MAX_OUTPUT_FILE_PATTERN_BYTES) {
    throw invalid(`\`outputFiles\`: a pattern is over ${MAX_OUTPUT_FILE_PATTERN_BYTES} bytes`);
  }
  if (pattern.includes('\0')) throw invalid(`\`outputFiles\`: "${pattern.replace(/\0/g, '\\0')}" holds a NUL character, which no path can`);
  const normal = posix.normalize(pattern.replace(/^\/+/, ''));
  if (normal === '.' || normal === '' || normal.endsWith('/')) throw invalid(`\`outputFiles\`: "${pattern}" names a directory: \`${normal === '.' || normal === '' ? '' : normal}**\` names every file under it`);
  if (normal === '..' || normal.startsWith('../')) throw invalid(`\`outputFiles\`: "${pattern}" is not a path inside the guest's directory`);
  return normal;
}

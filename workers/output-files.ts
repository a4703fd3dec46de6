import picomatch from 'picomatch';
import { answerBytesOf, type GuestFile } from '../src/common/run-input';

/** A directory of the guest's tree as an engine shows it once the guest has ended. */
export interface GuestDirectory {
  /** Its entries: name and node; a link or anything else that is no file or directory is `other`. */
  entries(): Iterable<[string, GuestNode]>;
}

/** A regular file: its size first, so that a file that does not fit is never read. */
export interface GuestRegularFile {
  size(): number;
  /** Its bytes, in a buffer of their own that may be moved to another thread. */
  read(): Uint8Array;
}

export type GuestNode = { kind: 'directory'; directory: GuestDirectory } | { kind: 'file'; file: GuestRegularFile } | { kind: 'other' };

/** The files a run brings back, and those that matched but did not fit in the output limit. */
export interface CollectedFiles {
  files: GuestFile[];
  filesOmitted: string[];
}

export const NO_FILES: CollectedFiles = { files: [], filesOmitted: [] };

/** At most this many matching files come back or are named in `filesOmitted`: the first, in path order. */
export const MAX_OUTPUT_FILES = 1000;
/** PATH_MAX of Linux: a longer path never matches (a host call could not name it either). */
export const MAX_OUTPUT_PATH_BYTES = 4096;

/**
 * Picks the regular files under `root` that match any of `patterns` (relative to the root, as
 * src/executions/output-files.ts makes them): globs by picomatch, names starting with `.`
 * included, and a pattern also matches the path it spells literally (a name with `[` in it).
 * Links are never followed, so nothing outside the tree (or twice inside it) is reached; a link,
 * a directory or anything else that is no regular file never matches. In path order, each file
 * whose path and bytes still fit in `roomBytes` is taken, every other is named in `filesOmitted`,
 * up to MAX_OUTPUT_FILES of them and names of `namesBytes` in all (the walk stops there): a path
 * is part of the answer as the bytes are, so a tree of many files under long names cannot make
 * an answer much larger than the output limit.
 */
export function collectOutputFiles(root: GuestDirectory, patterns: readonly string[], roomBytes: number, namesBytes: number): CollectedFiles {
  if (patterns.length === 0) return NO_FILES;
  const collected: CollectedFiles = { files: [], filesOmitted: [] };
  let room = roomBytes;
  let names = namesBytes;
  let matched = 0;
  for (const [path, file] of matchingFiles(root, new PatternSet(patterns))) {
    if (++matched > MAX_OUTPUT_FILES) break;
    const cost = answerBytesOf(path, file.size());
    if (cost > room) {
      names -= Buffer.byteLength(path);
      if (names < 0) break;
      collected.filesOmitted.push(path);
      continue;
    }
    room -= cost;
    collected.files.push({ path, data: file.read() });
  }
  return collected;
}

/** The buffers holding `files`, each once (a file under two names is one buffer), to move rather than copy. */
export function fileBuffers(files: readonly GuestFile[]): ArrayBuffer[] {
  return [...new Set(files.map((file) => file.data.buffer as ArrayBuffer))];
}

/**
 * The matching files in path order, walked in it: a directory's entries sorted with a `/` after
 * each directory's name, its whole subtree sits where its paths sort among its siblings.
 */
function* matchingFiles(directory: GuestDirectory, patterns: PatternSet, prefix = ''): Generator<[string, GuestRegularFile]> {
  const entries = [...directory.entries()].map(([name, node]) => ({ name, node, key: node.kind === 'directory' ? `${name}/` : name }));
  entries.sort((a, b) => byPath(a.key, b.key));
  for (const { name, node } of entries) {
    const path = prefix + name;
    if (Buffer.byteLength(path) > MAX_OUTPUT_PATH_BYTES) continue;
    if (node.kind === 'file' && patterns.matches(path)) yield [path, node.file];
    else if (node.kind === 'directory' && patterns.mayMatchUnder(path)) yield* matchingFiles(node.directory, patterns, `${path}/`);
  }
}

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The patterns of one run: what matches, and which directories can hold a match (the others are not walked). */
class PatternSet {
  private readonly literal: Set<string>;
  private readonly globs: picomatch.Matcher;
  /**
   * Per pattern, the directory its matches must be under ('' for any), whether it is a glob at
   * all, and how many names deep a directory holding a match can be.
   */
  private readonly bases: { base: string; glob: boolean; depth: number }[];

  constructor(patterns: readonly string[]) {
    this.literal = new Set(patterns);
    this.globs = picomatch([...patterns], { dot: true });
    this.bases = patterns.map((pattern) => {
      const { base, isGlob } = picomatch.scan(pattern);
      // `**` reaches any depth, and so may a brace, which can hold a `/`.
      const depth = /\*\*|\{/.test(pattern) ? Infinity : pattern.split('/').length - 1;
      return { base: isGlob ? base : pattern, glob: isGlob, depth };
    });
  }

  matches(path: string): boolean {
    return this.literal.has(path) || this.globs(path);
  }

  mayMatchUnder(directory: string): boolean {
    const depth = directory.split('/').length;
    return this.bases.some(
      (pattern) => depth <= pattern.depth && (pattern.base === '' || pattern.base.startsWith(`${directory}/`) || (pattern.glob && (pattern.base === directory || directory.startsWith(`${pattern.base}/`)))),
    );
  }
}

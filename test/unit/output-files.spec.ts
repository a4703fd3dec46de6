import { ENGINE_NAMES } from '../../workers/engines';
import { collectOutputFiles, fileBuffers, GuestDirectory, GuestNode, MAX_OUTPUT_FILES } from '../../workers/output-files';
import { WRITE_FILES_LEAVES as SMALL, writeFilesBig as bigFile } from '../support/fixtures';
import { Result, ThreadRunner } from '../support/thread-runner';

/** A tree for the collector: a string is a file, an object a directory, null a link (anything else). */
type Tree = { [name: string]: string | Tree | null };

function directory(tree: Tree, reads: string[], prefix = ''): GuestDirectory {
  const node = (name: string, value: string | Tree | null): GuestNode => {
    if (value === null) return { kind: 'other' };
    if (typeof value === 'object') return { kind: 'directory', directory: directory(value, reads, `${prefix}${name}/`) };
    return { kind: 'file', file: { size: () => Buffer.byteLength(value), read: () => (reads.push(prefix + name), new Uint8Array(Buffer.from(value))) } };
  };
  return { entries: () => Object.entries(tree).map(([name, value]): [string, GuestNode] => [name, node(name, value)]) };
}

const TREE: Tree = {
  'out.wav': 'RIFF',
  'z.txt': 'z',
  'a[1].txt': 'literal',
  'a1.txt': 'glob',
  '.env': 'SECRET=1',
  link: null,
  dist: { 'a.js': 'a', 'b.css': 'b', sub: { 'c.js': 'cc', deeper: { 'd.js': 'ddd' } }, '.hidden.js': 'h' },
  other: { 'x.js': 'x' },
};

function collect(patterns: string[], room = 1 << 20) {
  const reads: string[] = [];
  const { files, filesOmitted } = collectOutputFiles(directory(TREE, reads), patterns, room, 1 << 20);
  return { files: Object.fromEntries(files.map(({ path, data }) => [path, Buffer.from(data).toString()])), paths: files.map((file) => file.path), filesOmitted, reads };
}

describe('collectOutputFiles', () => {
  test('a path names its file, a glob every match at any depth, in path order', () => {
    expect(collect(['out.wav']).files).toEqual({ 'out.wav': 'RIFF' });
    expect(collect(['dist/**/*.js']).paths).toEqual(['dist/.hidden.js', 'dist/a.js', 'dist/sub/c.js', 'dist/sub/deeper/d.js']);
    expect(collect(['dist/*.js', 'dist/sub/c.js']).paths).toEqual(['dist/.hidden.js', 'dist/a.js', 'dist/sub/c.js']);
    expect(collect(['**/*.{js,css}']).paths).toEqual(['dist/.hidden.js', 'dist/a.js', 'dist/b.css', 'dist/sub/c.js', 'dist/sub/deeper/d.js', 'other/x.js']);
  });

  test('names starting with a dot match too; a pattern also matches the path it spells', () => {
    expect(collect(['*']).paths).toEqual(['.env', 'a1.txt', 'a[1].txt', 'out.wav', 'z.txt']);
    expect(collect(['a[1].txt']).paths).toEqual(['a1.txt', 'a[1].txt']);
  });

  test('directories, links and paths that are not there never match', () => {
    expect(collect(['dist', 'link', 'missing.txt', 'dist/sub', 'dist/nothing/**']).paths).toEqual([]);
    expect(collect(['**']).paths).not.toContain('link');
  });

  test('files that do not fit are omitted in path order, and the smaller ones after them still come', () => {
    // Path and bytes: dist/.hidden.js 16, dist/a.js 10, dist/sub/c.js 15 fit in 41; dist/sub/deeper/d.js (23) does not.
    const { paths, filesOmitted, reads } = collect(['dist/**/*.js'], 41);
    expect(paths).toEqual(['dist/.hidden.js', 'dist/a.js', 'dist/sub/c.js']);
    expect(filesOmitted).toEqual(['dist/sub/deeper/d.js']);
    expect(reads).not.toContain('dist/sub/deeper/d.js');
  });

  test("a file's path takes room as its bytes do: an empty file needs room for its path", () => {
    const tree = directory({ 'empty.txt': '', 'full.txt': 'x' }, []);
    expect(collectOutputFiles(tree, ['*.txt'], 0, 100)).toEqual({ files: [], filesOmitted: ['empty.txt', 'full.txt'] });
    const { files, filesOmitted } = collectOutputFiles(tree, ['*.txt'], Buffer.byteLength('empty.txt'), 100);
    expect(files.map((file) => file.path)).toEqual(['empty.txt']);
    expect(filesOmitted).toEqual(['full.txt']);
  });

  test('many empty files under long names: at most MAX_OUTPUT_FILES taken or named, the first in path order, and no path past PATH_MAX', () => {
    const long = 'n'.repeat(250);
    // 20 directories deep (over 5000 bytes of path) hold one file; beside them, 1500 empty files.
    let deep: Tree = { 'deep.txt': 'd' };
    for (let i = 0; i < 20; i++) deep = { [long]: deep };
    const tree: Tree = { ...deep, ...Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`${long}-${String(i).padStart(4, '0')}`, ''])) };
    const { files, filesOmitted } = collectOutputFiles(directory(tree, []), ['**'], 64 * 1024, 1 << 20);
    expect(files.length + filesOmitted.length).toBe(MAX_OUTPUT_FILES);
    const answered = files.reduce((sum, file) => sum + Buffer.byteLength(file.path) + file.data.length, 0);
    expect(answered).toBeLessThanOrEqual(64 * 1024);
    expect([...files.map((file) => file.path), ...filesOmitted].every((path) => path.startsWith(`${long}-`))).toBe(true);
    expect(files[0].path).toBe(`${long}-0000`);
  });

  test('the names in filesOmitted take at most namesBytes together: the walk stops there', () => {
    const names = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`${'f'.repeat(95)}${String(i).padStart(3, '0')}.txt`, 'x']));
    // Each name is 102 bytes: 10 fit in 1024.
    const { files, filesOmitted } = collectOutputFiles(directory(names, []), ['*.txt'], 0, 1024);
    expect(files).toEqual([]);
    expect(filesOmitted).toHaveLength(10);
    expect(filesOmitted[9]).toBe(`${'f'.repeat(95)}009.txt`);
  });

  test('no patterns: the tree is not even read', () => {
    const tree: GuestDirectory = {
      entries: () => {
        throw new Error('read');
      },
    };
    expect(collectOutputFiles(tree, [], 100, 100)).toEqual({ files: [], filesOmitted: [] });
  });

  test('only directories that can hold a match are walked', () => {
    const walked: string[] = [];
    const watched = (tree: Tree, prefix = ''): GuestDirectory => ({
      entries: () => {
        walked.push(prefix);
        return Object.entries(tree).map(([name, value]): [string, GuestNode] =>
          value !== null && typeof value === 'object' ? [name, { kind: 'directory', directory: watched(value, `${prefix}${name}/`) }] : [name, { kind: 'other' }],
        );
      },
    });
    collectOutputFiles(watched(TREE), ['dist/sub/*.js', 'other/x.js', '*/a.js'], 100, 100);
    expect(walked.sort()).toEqual(['', 'dist/', 'dist/sub/', 'other/']);
  });

  test('a file under two names is one buffer to move', () => {
    const data = new Uint8Array(4);
    expect(fileBuffers([{ path: 'a', data }, { path: 'b', data }, { path: 'c', data: new Uint8Array(1) }])).toHaveLength(2);
  });
});

const FIXTURE = 'test/fixtures/c/write-files.wasm';
const BIG = 100_000;

function texts(result: Result): Record<string, string> {
  return Object.fromEntries([...result.files].map(([path, data]) => [path, data.toString()]));
}

describe.each(ENGINE_NAMES)('files a guest leaves, on %s', (engine) => {
  let runner: ThreadRunner;
  beforeAll(() => (runner = new ThreadRunner()));
  afterAll(() => runner.stop());

  const run = (args: string[], outputFiles: string[], outputCap?: number) => runner.run(engine, FIXTURE, { args: ['write-files', ...args], outputFiles, outputCap });

  test('paths, globs and nested paths come back byte for byte, in path order', async () => {
    const result = await run([String(BIG)], ['out.txt', 'dist/**/*.js', 'big.bin', 'empty.txt']);
    expect(result.status).toBe('success');
    expect([...result.files.keys()]).toEqual(['big.bin', 'dist/.hidden.js', 'dist/a.js', 'dist/sub/b.js', 'empty.txt', 'out.txt']);
    expect(result.files.get('big.bin')!.equals(bigFile(BIG))).toBe(true);
    expect(texts(result)['dist/sub/b.js']).toBe(SMALL['dist/sub/b.js']);
    expect(result.filesOmitted).toEqual([]);
  });

  test('no outputFiles: nothing comes back', async () => {
    const result = await run(['10'], []);
    expect(result.files.size).toBe(0);
    expect(result.filesOmitted).toEqual([]);
  });

  test('a file past the output limit (with stdout and stderr) is omitted, the others come', async () => {
    // stdout is "wrote\n" (6 bytes), and stderr says which links were refused: room for the small files, not big.bin.
    const result = await run([String(BIG)], ['**'], 1024);
    expect(result.status).toBe('success');
    expect(texts(result)).toEqual(SMALL);
    expect(result.filesOmitted).toEqual(['big.bin']);
  });

  test('links are never followed nor returned: no file twice, nothing from outside', async () => {
    const result = await run(['10'], ['**', 'link.txt', 'dist/up/**', 'root/**']);
    // The shim makes the links inside the directory (and refuses the absolute one); wasmer's MemFS has none.
    const refused = (link: string) => result.stderr.toString().includes(`symlink ${link} ->`);
    if (engine === 'browser_wasi_shim') expect([refused('link.txt'), refused('dist/up'), refused('root')]).toEqual([false, false, true]);
    expect([...result.files.keys()].sort()).toEqual(['big.bin', ...Object.keys(SMALL)].sort());
    expect(result.filesOmitted).toEqual([]);
  });

  test.each([
    ['exit', 'exit_error'],
    ['trap', 'trap'],
    ['oom', 'memory_limit_exceeded'],
  ])('after an ending %s (%s), the files come back too', async (ending, status) => {
    const result = await run(['10', ending], ['out.txt', 'dist/**']);
    expect(result.status).toBe(status);
    expect(texts(result)).toEqual({ 'out.txt': 'out\n', 'dist/a.js': SMALL['dist/a.js'], 'dist/sub/b.js': SMALL['dist/sub/b.js'], 'dist/style.css': 'body {}\n', 'dist/.hidden.js': 'hidden\n' });
  });

  test('past the output limit, no file fits, not even an empty one (its path takes room); all are named', async () => {
    const result = await run(['10', 'flood'], ['*.txt', 'big.bin'], 64 * 1024);
    expect(result.status).toBe('output_limit_exceeded');
    expect(texts(result)).toEqual({});
    expect(result.filesOmitted).toEqual(['big.bin', 'empty.txt', 'out.txt']);
  });
});

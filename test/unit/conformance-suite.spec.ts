import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stdoutDifference } from '../conformance/runner';
import { loadSuite } from '../conformance/suite';

/** The runner's reading of the wasi-testsuite layout (../shared/wasi-testsuite/README.md). */
describe('conformance suite loading', () => {
  let dir: string;
  const write = (name: string, content: string | Buffer) => {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  };

  beforeAll(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'wasmwiz-suite-')), 'lang');
    write('flat.wasm', 'x');
    write('flat.json', JSON.stringify({ args: ['a', 'b'], env: { K: 'v' }, root: 'flat.dir', exit_code: 3, stdout: 'hi\n' }));
    write('flat.dir/top.txt', 'top');
    write('flat.dir/sub/deeper/bin', Buffer.from([0, 255, 10, 13]));
    write('ops.wasm', 'x');
    write(
      'ops.json',
      JSON.stringify({
        operations: [
          { type: 'run', args: ['x'], env: { A: '1' }, root: 'flat.dir' },
          { type: 'read', id: 'stderr', payload: 'ignored' },
          { type: 'read', id: 'stdout', payload: 'out' },
          { type: 'wait', exit_code: 1 },
        ],
      }),
    );
    write('net.wasm', 'x');
    write('net.json', JSON.stringify({ proposals: ['sockets'] }));
    write('bare.wasm', 'x');
    write('manifest.json', JSON.stringify({ name: 'not a test' }));
  });
  afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('reads the flat form, sending the root folder recursively and byte for byte', () => {
    const flat = loadSuite(dir).find((test) => test.name === 'flat')!;
    expect(flat).toMatchObject({ suite: 'lang', args: ['a', 'b'], env: { K: 'v' }, exitCode: 3, stdout: 'hi\n', skipReason: null });
    expect(Object.keys(flat.files).sort()).toEqual(['sub/deeper/bin', 'top.txt']);
    expect([...Buffer.from(flat.files['sub/deeper/bin'], 'base64')]).toEqual([0, 255, 10, 13]);
  });

  it('reads the operations form: run, wait and the stdout read', () => {
    const ops = loadSuite(dir).find((test) => test.name === 'ops')!;
    expect(ops).toMatchObject({ args: ['x'], env: { A: '1' }, exitCode: 1, stdout: 'out', skipReason: null });
    expect(Object.keys(ops.files)).toHaveLength(2);
  });

  it('skips tests that need proposals, and defaults what a test leaves out', () => {
    const tests = loadSuite(dir);
    expect(tests.map((test) => test.name)).toEqual(['bare', 'flat', 'net', 'ops']);
    expect(tests.find((test) => test.name === 'net')!.skipReason).toBe('needs sockets');
    expect(tests.find((test) => test.name === 'bare')).toMatchObject({ args: [], env: {}, files: {}, exitCode: 0, stdout: null });
  });

  it('refuses a folder that is not there', () => {
    expect(() => loadSuite(join(dir, 'nope'))).toThrow(/no test suite at/);
  });
});

describe('stdoutDifference', () => {
  it('names where the outputs part, with context and lengths', () => {
    const message = stdoutDifference('line one\nline two\n', 'line one\nline 2\n');
    expect(message).toBe('stdout differs at character 14 (line 2): expected "line one\\nline two\\n", got "line one\\nline 2\\n" (18 bytes expected, 16 got)');
  });

  it('reports a missing tail', () => {
    expect(stdoutDifference('abc', 'ab')).toMatch(/^stdout differs at character 2 \(line 1\).*\(3 bytes expected, 2 got\)$/);
  });
});

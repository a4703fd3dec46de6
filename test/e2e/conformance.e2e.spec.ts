import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runAll, summarize } from '../conformance/runner';
import { loadSuite } from '../conformance/suite';
import { ROOT } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const SUITES = join(ROOT, '..', 'shared', 'wasi-testsuite');

/** What the default engine cannot do, each for a reason given in the README. */
const KNOWN_FAILURES = [
  'c/sock_shutdown-invalid_fd',
  'rust/nofollow_errors',
  'rust/path_exists',
  'rust/path_symlink_trailing_slashes',
  'rust/readlink',
  'rust/symlink_create',
  'rust/symlink_filestat',
];

describe('WASI conformance through the HTTP API, default engine', () => {
  let service: TestApp;

  beforeAll(async () => {
    if (!existsSync(SUITES)) throw new Error(`the WASI test suite is missing: expected it at ${SUITES}`);
    service = await startTestApp({ EXECUTION_TIMEOUT: '10s', MAX_INPUT_SIZE: '8MB' });
  });
  afterAll(() => service?.close());

  it('passes the official wasi-testsuite except the known failures', async () => {
    const tests = ['c', 'rust', 'assemblyscript'].flatMap((suite) => loadSuite(join(SUITES, suite)));
    const { key } = await service.createKey('enterprise');
    const results = await runAll({ url: service.url, key }, tests, 4);
    const failed = results.filter((r) => r.outcome === 'failed').map((r) => `${r.test.suite}/${r.test.name}`);
    expect(failed).toEqual(KNOWN_FAILURES);
    expect(summarize(results).passed).toBeGreaterThanOrEqual(65);
  }, 120_000);
});

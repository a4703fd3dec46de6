import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { repositoryRoot } from '../support/fixtures';

/** The language suites of ../shared/wasi-testsuite the project is measured on. */
export const SUITE_NAMES = ['c', 'rust', 'assemblyscript'];

/** Names the WASI test suite's folder when it is not ../shared/wasi-testsuite beside the repository. */
export const TESTSUITE_VARIABLE = 'WASI_TESTSUITE_DIR';

/** Where the WASI test suite is looked for: WASI_TESTSUITE_DIR, else ../shared/wasi-testsuite. */
export function testsuiteLocation(env: NodeJS.ProcessEnv = process.env): string {
  if (env[TESTSUITE_VARIABLE]) return resolve(env[TESTSUITE_VARIABLE]);
  const root = repositoryRoot();
  if (!root) throw new Error(`no package.json named "wasmwiz" above ${__dirname}`);
  return join(root, '..', 'shared', 'wasi-testsuite');
}

/** The WASI test suite's folder, or null when it is not there. */
export function findTestsuite(env: NodeJS.ProcessEnv = process.env): string | null {
  const dir = testsuiteLocation(env);
  return existsSync(dir) ? dir : null;
}

/** What to say when the suite is missing: where it was looked for, and how to point at it. */
export function testsuiteMissing(env: NodeJS.ProcessEnv = process.env): string {
  return (
    `the WASI test suite was not found at ${testsuiteLocation(env)}: set ${TESTSUITE_VARIABLE} to a copy of the ` +
    `WebAssembly wasi-testsuite (the folder holding ${SUITE_NAMES.join(', ')}; see README.md, "WASI engines and conformance")`
  );
}

/** The WASI test suite's folder; throws saying where it was looked for when it is missing. */
export function sharedTestsuite(): string {
  const dir = findTestsuite();
  if (!dir) throw new Error(testsuiteMissing());
  return dir;
}

/** The folders of SUITE_NAMES inside sharedTestsuite(). */
export function defaultSuiteDirs(): string[] {
  const base = sharedTestsuite();
  return SUITE_NAMES.map((name) => join(base, name));
}

/** One test of the official wasi-testsuite layout (see ../shared/wasi-testsuite/README.md). */
export interface ConformanceTest {
  suite: string;
  name: string;
  wasmPath: string;
  args: string[];
  env: Record<string, string>;
  /** Files of the guest's root directory: path → base64. */
  files: Record<string, string>;
  exitCode: number;
  stdout: string | null;
  /** Set when the test needs what the sandbox does not offer (sockets, HTTP). */
  skipReason: string | null;
}

interface TestSpec {
  args?: string[];
  env?: Record<string, string>;
  root?: string | null;
  exit_code?: number;
  stdout?: string;
  proposals?: string[];
  operations?: { type: string; args?: string[]; env?: Record<string, string>; root?: string; exit_code?: number; id?: string; payload?: string }[];
}

function filesOf(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(root, path).split('\\').join('/')] = readFileSync(path).toString('base64');
    }
  };
  walk(root);
  return files;
}

/** The newer form lists operations (run, wait, read) instead of flat fields. */
function flatten(spec: TestSpec): TestSpec {
  if (!spec.operations) return spec;
  const run = spec.operations.find((op) => op.type === 'run');
  const wait = spec.operations.find((op) => op.type === 'wait');
  const read = spec.operations.find((op) => op.type === 'read' && op.id === 'stdout');
  return { ...spec, args: run?.args, env: run?.env, root: run?.root, exit_code: wait?.exit_code, stdout: read?.payload };
}

export function loadSuite(dir: string): ConformanceTest[] {
  if (!existsSync(dir)) throw new Error(`no test suite at ${dir}`);
  const suite = basename(dir);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.wasm'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.wasm'.length);
      const specPath = join(dir, `${name}.json`);
      const spec = flatten(existsSync(specPath) ? (JSON.parse(readFileSync(specPath, 'utf8')) as TestSpec) : {});
      return {
        suite,
        name,
        wasmPath: join(dir, file),
        args: spec.args ?? [],
        env: spec.env ?? {},
        files: spec.root ? filesOf(join(dir, spec.root)) : {},
        exitCode: spec.exit_code ?? 0,
        stdout: spec.stdout ?? null,
        skipReason: spec.proposals?.length ? `needs ${spec.proposals.join(', ')}` : null,
      };
    });
}

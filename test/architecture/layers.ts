/**
 * The layers of the code, lowest first. A file may import files of its own layer or of a lower
 * one, never of a higher one; and no two units (rows below) may import each other, directly or
 * round a longer loop. The order follows one execution (DESIGN.md) where that is also the order
 * of knowledge: the auth guard runs before the quota guard, but /me shows quota left, so auth
 * sits above quotas; the usage recorder runs after the sandbox and executions call it, so usage
 * sits below executions.
 *
 * A file belongs to the first unit whose pattern matches it. Entities are one unit, `schema`, in
 * a folder of their own (src/schema/, so that no domain folder is imported for its entity alone):
 * entities and migrations are the single truth of the schema, the database lists them all, and
 * the principal names three of them. An entity elsewhere is still placed in it by its name.
 */
export interface Unit {
  name: string;
  /** Paths from the repository root; a folder ends with `/`. */
  files: (string | RegExp)[];
  why: string;
}

export const LAYERS: Unit[][] = [
  [{ name: 'common', files: ['src/common/'], why: 'what src/ and workers/ both need (wasm binary helpers, WASI names)' }],
  [{ name: 'workers', files: ['workers/'], why: 'the worker-thread side: engines and guest setup; imports only common' }],
  [
    { name: 'config', files: ['src/config/'], why: 'settings read once at start' },
    { name: 'logging', files: ['src/logging/'], why: 'pino for Nest and for requests' },
    { name: 'readiness', files: ['src/readiness/'], why: 'what a readiness contributor is; the health module collects them' },
  ],
  [{ name: 'http', files: ['src/http/'], why: 'problems, pipes, multipart, pages, and the OpenAPI decorators that describe them' }],
  [{ name: 'schema', files: ['src/schema/', /^src\/.*\.entity\.ts$/], why: 'the entities' }],
  [{ name: 'access', files: ['src/access/'], why: 'the principal, the auth decorators and the guard: every route may import them' }],
  [
    { name: 'database', files: ['src/database/'], why: 'TypeORM over PostgreSQL, migrated on start' },
    { name: 'redis', files: ['src/redis/'], why: 'the shared connection and the invalidation bus' },
    { name: 'metrics', files: ['src/metrics/'], why: 'the Prometheus registry' },
  ],
  [{ name: 'jobs', files: ['src/jobs/'], why: 'the durable job queue (pg-boss) and its queue names' }],
  [
    {
      name: 'callbacks',
      files: ['src/callbacks/'],
      why: 'what runs and batches need of webhooks: the callbackUrl policy checked at submit and the attempts their views show',
    },
  ],
  [{ name: 'audit', files: ['src/audit/'], why: 'who changed what; tiers, accounts and keys write to it' }],
  [{ name: 'tiers', files: ['src/tiers/'], why: 'tiers and their effective limits' }],
  [{ name: 'accounts', files: ['src/accounts/'], why: 'accounts on a tier' }],
  [{ name: 'quotas', files: ['src/quotas/'], why: 'rate, daily quota and concurrency per account' }],
  [{ name: 'auth', files: ['src/auth/'], why: 'keys: issue, rotate, authenticate; /me' }],
  [{ name: 'wasm-modules', files: ['src/wasm-modules/'], why: 'validated, stored and compiled modules' }],
  [{ name: 'sandbox', files: ['src/sandbox/'], why: 'the worker pool that runs one module' }],
  [{ name: 'usage', files: ['src/usage/'], why: 'execution records, usage figures, retention' }],
  [{ name: 'executions', files: ['src/executions/'], why: 'the run use cases and their routes' }],
  [{ name: 'batches', files: ['src/batches/'], why: 'many runs of one module in one request, each an execution of the batch' }],
  [{ name: 'webhooks', files: ['src/webhooks/'], why: 'signing secrets and the delivery of callbacks: reads the views of executions and batches' }],
  [{ name: 'health', files: ['src/health/'], why: 'liveness, and readiness collected from the providers marked @ContributesReadiness' }],
  [{ name: 'lifecycle', files: ['src/lifecycle/'], why: 'how the process starts, answers a request and stops' }],
  [
    {
      name: 'app',
      files: [/^src\/[^/]+\.ts$/, 'src/openapi/'],
      why: 'the composition: the root module, the factory, main, and the OpenAPI document that reads every route (openapi/ builds it from the app)',
    },
    { name: 'cli', files: ['src/cli/'], why: 'the command-line client (talks HTTP only)' },
  ],
];

const UNITS = LAYERS.flatMap((layer, level) => layer.map((unit) => ({ ...unit, level })));
// Patterns that name files are tried before folders, so an exception is found before its folder.
const BY_SPECIFICITY = [...UNITS].sort((a, b) => specificity(b) - specificity(a));

function specificity(unit: Unit): number {
  return unit.files.some((file) => typeof file !== 'string' || !file.endsWith('/')) ? 1 : 0;
}

function matches(pattern: string | RegExp, path: string): boolean {
  if (typeof pattern !== 'string') return pattern.test(path);
  return pattern.endsWith('/') ? path.startsWith(pattern) : path === pattern;
}

/** The unit a source file belongs to, or undefined for a file no row places. */
export function unitOf(path: string): { name: string; level: number } | undefined {
  const unit = BY_SPECIFICITY.find((candidate) => candidate.files.some((pattern) => matches(pattern, path)));
  return unit && { name: unit.name, level: unit.level };
}

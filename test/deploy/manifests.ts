/**
 * Shared loading and helpers for the static deployment checks (k8s.spec.ts, compose-docker.spec.ts):
 * every manifest parsed once, the application's config parsers, the health routes read from source.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type * as YamlModule from 'yaml';
import { parseBytes, parseDurationMs } from '../../src/config/units';

// ---------------------------------------------------------------------------------------------
// Locating the repository (tests run from dist/test/deploy, or from a scratch out dir).

export function isRepoRoot(dir: string): boolean {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) return false;
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'wasmwiz';
  } catch {
    return false;
  }
}

export function findRepoRoot(): string {
  const starts = [process.env.WASMWIZ_ROOT, __dirname, process.cwd()].filter(
    (start): start is string => typeof start === 'string' && start.length > 0,
  );
  for (const start of starts) {
    let dir = resolve(start);
    for (;;) {
      if (isRepoRoot(dir)) return dir;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(
    `cannot find the wasmwiz repository from ${starts.join(', ')}; set WASMWIZ_ROOT to its path`,
  );
}

export const ROOT = findRepoRoot();
/**
 * Loads devDependencies from the repository's node_modules, so the compiled spec also runs from
 * an out-of-tree directory (e.g. `tsc --outDir /tmp/dep` + `jest --rootDir /tmp/dep`).
 */
export const rootRequire = createRequire(join(ROOT, 'package.json'));
export const { parseAllDocuments } = rootRequire('yaml') as typeof YamlModule;
export const K8S_DIR = join(ROOT, 'k8s');
export const read = (...parts: string[]) => readFileSync(join(ROOT, ...parts), 'utf8');

// ---------------------------------------------------------------------------------------------
// Parsing helpers.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: Json;
}

export interface Located {
  file: string;
  index: number;
  object: K8sObject;
}

export function parseYamlDocuments(file: string, text: string): Json[] {
  // Merge keys (`<<: *anchor`), as docker compose reads them.
  const docs = parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true, merge: true });
  const list = Array.isArray(docs) ? docs : [];
  const out: Json[] = [];
  for (const doc of list) {
    const problems = [...doc.errors, ...doc.warnings].map((e) => e.message);
    if (problems.length > 0) throw new Error(`${file}: ${problems.join('; ')}`);
    const value = doc.toJS({ maxAliasCount: 100 });
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

/** The application's byte sizes, read exactly as the service reads them. */
export const appBytes = (raw: string) => parseBytes('size', raw);

/** The application's durations, in seconds. */
export const appSeconds = (raw: string) => parseDurationMs('duration', raw) / 1000;

/** Kubernetes memory quantities: 2Gi, 1536Mi, 2G, 2000000000. */
export function k8sBytes(raw: string | number): number {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(String(raw));
  if (!match) throw new Error(`not a memory quantity: ${raw}`);
  const factor: Record<string, number> = {
    '': 1,
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
    Ti: 1024 ** 4,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
  };
  return Number(match[1]) * factor[match[2] ?? ''];
}

/** Compose memory sizes: 2g, 2048m, 2gb, bytes. */
export function composeBytes(raw: string | number): number {
  const match = /^(\d+(?:\.\d+)?)\s*([bkmg])?b?$/i.exec(String(raw).trim());
  if (!match) throw new Error(`not a compose size: ${raw}`);
  const factor: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
  return Number(match[1]) * factor[(match[2] ?? '').toLowerCase()];
}

export function selects(matchLabels: Record<string, string> | undefined, labels: Record<string, string> | undefined) {
  if (!matchLabels || Object.keys(matchLabels).length === 0) return false;
  return Object.entries(matchLabels).every(([key, value]) => labels?.[key] === value);
}

// ---------------------------------------------------------------------------------------------
// Schema models (kubernetes-models, generated from the Kubernetes OpenAPI spec).

export interface ModelClass {
  apiVersion: string;
  kind: string;
  new (data: Json): { validate(): void };
}

/** The model class for apiVersion/kind, e.g. apps/v1 Deployment → kubernetes-models/apps/v1/Deployment. */
export function modelFor(apiVersion: string, kind: string): ModelClass | undefined {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(kind)) return undefined;
  const parts = apiVersion.split('/');
  if (parts.length > 2 || parts.some((p) => !/^[a-z0-9][a-z0-9.-]*$/.test(p))) return undefined;
  const modulePath = ['kubernetes-models', ...parts, kind].join('/');
  let loaded: Record<string, unknown>;
  try {
    loaded = rootRequire(modulePath) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const model = loaded[kind] as ModelClass | undefined;
  // Guard against sub-structures (e.g. "PodSpec") posing as top-level kinds.
  if (typeof model !== 'function' || model.apiVersion !== apiVersion || model.kind !== kind) return undefined;
  return model;
}

// ---------------------------------------------------------------------------------------------
// Loading everything once.

export const KUSTOMIZATION_FILE = 'kustomization.yaml';
export const k8sFiles = readdirSync(K8S_DIR)
  .filter((name) => /\.ya?ml$/.test(name) && statSync(join(K8S_DIR, name)).isFile())
  .sort();

export const kustomizationDocs = parseYamlDocuments(KUSTOMIZATION_FILE, readFileSync(join(K8S_DIR, KUSTOMIZATION_FILE), 'utf8'));
export const kustomization = kustomizationDocs[0] as Json;

export const located: Located[] = [];
for (const file of k8sFiles.filter((name) => name !== KUSTOMIZATION_FILE)) {
  parseYamlDocuments(file, readFileSync(join(K8S_DIR, file), 'utf8')).forEach((object, index) =>
    located.push({ file, index, object: object as K8sObject }),
  );
}
export const objects = located.map((entry) => entry.object);

export function all(kind: string): K8sObject[] {
  return objects.filter((object) => object.kind === kind);
}

export function one(kind: string, name?: string): K8sObject {
  const found = all(kind).filter((object) => name === undefined || object.metadata.name === name);
  if (found.length !== 1) {
    throw new Error(`expected exactly one ${kind}${name ? ` named ${name}` : ''}, found ${found.length}`);
  }
  return found[0];
}

export const deployment = one('Deployment', 'wasmwiz');
export const executorDeployment = one('Deployment', 'wasmwiz-executor');
export const podSpec = deployment.spec.template.spec as Json;
export const apiContainer = podSpec.containers[0] as Json;
export const migrationJob = one('Job');
export const configMap = one('ConfigMap');
export const config = configMap.data as Record<string, string>;
export const secret = one('Secret');
export const SECRET_NAMES = ['API_SALT', 'ADMIN_TOKEN', 'DATABASE_URL', 'REDIS_URL'];

export const healthSource = read('src', 'health', 'health.controller.ts');

/** The application's health routes by their last path segment (live, ready), read from the controller's decorators. */
export function healthRoutes(): Map<string, string> {
  const controller = /@Controller\(\s*['"`]([^'"`]*)['"`]\s*\)/.exec(healthSource);
  if (!controller) throw new Error('no @Controller(...) in src/health/health.controller.ts');
  const base = controller[1].replace(/^\/+|\/+$/g, '');
  const routes = new Map<string, string>();
  const get = /@Get\(\s*['"`]([^'"`]*)['"`]\s*\)/g;
  for (let match = get.exec(healthSource); match; match = get.exec(healthSource)) {
    const path = match[1].replace(/^\/+|\/+$/g, '');
    routes.set(path.split('/').pop() ?? path, `/${[base, path].filter(Boolean).join('/')}`);
  }
  return routes;
}

export function containerPortNumber(container: Json, port: string | number): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return (container.ports as Json[] | undefined)?.find((p) => p.name === port)?.containerPort;
}

export function envEntries(container: Json): Json[] {
  return (container.env as Json[] | undefined) ?? [];
}

// ---------------------------------------------------------------------------------------------


export function requiredMemory(env: Record<string, string | undefined>): number {
  const MiB = 1024 ** 2;
  const threads = Number(env.WORKER_THREADS);
  const guest = appBytes(env.MEMORY_LIMIT ?? '128MB');
  const workerHeap = 128 * MiB + 32 * MiB;
  const mainThread = 384 * MiB;
  const moduleCache = appBytes(env.MODULE_CACHE_SIZE ?? '256MB');
  const queue = Number(env.POOL_MAX_QUEUE ?? threads * 16);
  const upload = appBytes(env.MAX_WASM_SIZE ?? '10MB') + appBytes(env.MAX_INPUT_SIZE ?? '1MB');
  return threads * (guest + workerHeap) + mainThread + moduleCache + queue * upload;
}

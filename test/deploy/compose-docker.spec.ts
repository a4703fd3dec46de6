/** Static checks of docker-compose.yml, the Dockerfile and .dockerignore (no Docker engine needed). */
import { join } from 'node:path';
import {
  Json,
  appSeconds,
  composeBytes,
  healthRoutes,
  parseYamlDocuments,
  podSpec,
  read,
  requiredMemory,
} from './manifests';

describe('docker-compose.yml', () => {
  const [compose] = parseYamlDocuments('docker-compose.yml', read('docker-compose.yml')) as Json[];
  const services = compose.services as Record<string, Json>;

  function environment(service: Json): Record<string, string> {
    const env = service.environment ?? {};
    if (!Array.isArray(env)) return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]));
    return Object.fromEntries(
      (env as string[]).map((line) => {
        const at = line.indexOf('=');
        return at < 0 ? [line, ''] : [line.slice(0, at), line.slice(at + 1)];
      }),
    );
  }

  it('runs the split with the `split` profile: the api as WASMWIZ_ROLE (default all) and executors', () => {
    expect(environment(services.api).WASMWIZ_ROLE).toBe('${WASMWIZ_ROLE:-all}');
    const executor = services.executor;
    expect(executor.profiles).toEqual(['split']);
    expect(executor.ports).toBeUndefined();
    expect(executor.image).toBe(services.api.image);
    const { WASMWIZ_ROLE, ...shared } = environment(executor);
    expect(WASMWIZ_ROLE).toBe('executor');
    const { WASMWIZ_ROLE: _apiRole, ...apiShared } = environment(services.api);
    expect(shared).toEqual(apiShared);
    expect(executor.depends_on.api.condition).toBe('service_healthy');
    expect(executor.read_only).toBe(true);
    expect(executor.cap_drop).toEqual(['ALL']);
  });

  it('has postgres and redis with healthchecks', () => {
    for (const name of ['postgres', 'redis']) {
      expect(services[name]).toBeDefined();
      expect(services[name].healthcheck?.test).toBeDefined();
      expect(services[name].healthcheck?.disable ?? false).toBe(false);
    }
    expect(services.postgres.image).toMatch(/^postgres:16/);
    expect(services.redis.image).toMatch(/^redis:7/);
  });

  it('builds the api from the Dockerfile, publishes 8080 and waits for healthy dependencies', () => {
    const api = services.api;
    expect(api).toBeDefined();
    expect(api.build === '.' || api.build?.context === '.').toBe(true);
    const published = (api.ports as Json[]).some((port) =>
      typeof port === 'string'
        ? /^(?:[\d.]+:)?8080:8080(?:\/tcp)?$/.test(port)
        : Number(port.target) === 8080 && Number(port.published) === 8080,
    );
    expect(published).toBe(true);
    for (const dependency of ['postgres', 'redis']) {
      expect(api.depends_on?.[dependency]?.condition).toBe('service_healthy');
    }
  });

  it('keeps the record journal (DATA_DIR) of the api and the executors on a named volume, not the tmpfs a restart empties', () => {
    for (const service of [services.api, services.executor]) {
      expect(environment(service).DATA_DIR).toBe('/var/lib/wasmwiz');
      expect(service.volumes).toContain('journal:/var/lib/wasmwiz');
    }
    expect(Object.keys(compose.volumes)).toContain('journal');
  });

  it('runs the api with production settings that reach postgres and redis', () => {
    const env = environment(services.api);
    expect(env.NODE_ENV).toBe('production');
    expect(env.SERVER_HOST ?? '0.0.0.0').toBe('0.0.0.0');
    expect(env.SERVER_PORT ?? '8080').toBe('8080');
    expect(env.DATABASE_URL).toMatch(/^postgres(?:ql)?:\/\/[^@]+@postgres:5432\//);
    expect(env.REDIS_URL).toMatch(/^redis:\/\/redis:6379/);
  });

  it('requires API_SALT and ADMIN_TOKEN from the environment instead of embedding them', () => {
    const env = environment(services.api);
    expect(env.API_SALT).toMatch(/^\$\{API_SALT:\?[^}]*\}$/);
    expect(env.ADMIN_TOKEN).toMatch(/^\$\{ADMIN_TOKEN:\?[^}]*\}$/);
  });

  it('gives the api enough memory and time to drain', () => {
    const env = environment(services.api);
    if (services.api.mem_limit !== undefined) {
      expect(composeBytes(services.api.mem_limit)).toBeGreaterThanOrEqual(requiredMemory(env));
    }
    if (services.api.stop_grace_period !== undefined) {
      const grace = /^(\d+)s$/.exec(String(services.api.stop_grace_period));
      expect(grace).not.toBeNull();
      expect(Number(grace![1])).toBeGreaterThan(appSeconds(env.EXECUTION_TIMEOUT ?? '5') + 5);
    }
  });
});

// ---------------------------------------------------------------------------------------------

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions, with line continuations joined and comments dropped. */
function dockerInstructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (pending !== '' && line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const full = (pending + line).trim();
    pending = '';
    if (full === '') continue;
    const match = /^(\w+)\s+([\s\S]*)$/.exec(full);
    if (match) out.push({ keyword: match[1].toUpperCase(), args: match[2].trim() });
  }
  return out;
}

describe('Dockerfile', () => {
  const instructions = dockerInstructions(read('Dockerfile'));
  const globalArgs = new Map<string, string>();
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') break;
    const arg = /^(\w+)=(.*)$/.exec(instruction.keyword === 'ARG' ? instruction.args : '');
    if (arg) globalArgs.set(arg[1], arg[2].replace(/^"|"$/g, ''));
  }
  const expand = (value: string) => value.replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a, b) => globalArgs.get(a ?? b) ?? '');

  const stageStarts = instructions.map((instruction, index) => (instruction.keyword === 'FROM' ? index : -1)).filter((i) => i >= 0);
  const finalStage = instructions.slice(stageStarts[stageStarts.length - 1] ?? 0);
  const inFinal = (keyword: string) => finalStage.filter((instruction) => instruction.keyword === keyword);

  it('is a multi-stage build on Node 20', () => {
    expect(stageStarts.length).toBeGreaterThanOrEqual(2);
    const base = expand(finalStage[0].args.split(/\s+/)[0]);
    expect(base).toMatch(/^node:20[-.\w]*$/);
    const runs = instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args).join('\n');
    expect(runs).toMatch(/npm ci(?!\s+--omit=dev)/);
    expect(runs).toMatch(/npm run build/);
    expect(runs).toMatch(/npm (?:ci|prune) --omit=dev/);
  });

  it('runs as a non-root user, the same uid as the Kubernetes pods', () => {
    const users = inFinal('USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users[users.length - 1].args.split(':')[0];
    expect(user).not.toMatch(/^(root|0)$/);
    expect(Number(user)).toBe(podSpec.securityContext.runAsUser);
  });

  it('sets production defaults and exposes 8080', () => {
    const env = inFinal('ENV').map((i) => i.args).join(' ');
    expect(env).toMatch(/NODE_ENV=production/);
    expect(env).toMatch(/SERVER_HOST=0\.0\.0\.0/);
    expect(env).toMatch(/SERVER_PORT=8080/);
    expect(env).toMatch(/DATA_DIR=\/var\/lib\/wasmwiz\b/);
    // Made and owned by the service's user before USER, so a named volume mounted there starts writable.
    expect(inFinal('RUN').map((i) => i.args).join(' ')).toMatch(/mkdir -p \/var\/lib\/wasmwiz[\s\S]*chown 10001:10001 \/var\/lib\/wasmwiz/);
    expect(inFinal('EXPOSE').map((i) => i.args)).toContain('8080');
  });

  it('has a HEALTHCHECK that asks node for /health/live', () => {
    const [healthcheck] = inFinal('HEALTHCHECK');
    expect(healthcheck).toBeDefined();
    const cmd = /\bCMD\s+(\[[\s\S]*\])\s*$/.exec(healthcheck.args);
    expect(cmd).not.toBeNull();
    const argv = JSON.parse(cmd![1]) as string[];
    expect(argv[0]).toBe('node');
    expect(argv.join(' ')).toContain(healthRoutes().get('live'));
  });

  it('starts node directly (exec form) on the compiled entry point', () => {
    const cmds = inFinal('CMD');
    expect(cmds.length).toBeGreaterThan(0);
    const argv = JSON.parse(cmds[cmds.length - 1].args) as string[];
    expect(argv[0]).toBe('node');
    expect(argv).toContain('dist/src/main.js');
    expect(inFinal('ENTRYPOINT')).toEqual([]);
  });

  it('copies only production dependencies, dist, public and package.json into the image', () => {
    const copies = inFinal('COPY').map((i) => i.args);
    expect(copies.some((c) => /--from=\S+\s+\S*node_modules/.test(c))).toBe(true);
    expect(copies.some((c) => /--from=\S+\s+\S*dist\b/.test(c))).toBe(true);
    expect(copies.some((c) => /^public\b/.test(c))).toBe(true);
    expect(copies.some((c) => /^package\.json\b/.test(c))).toBe(true);
    expect(copies.some((c) => /^\.\s/.test(c))).toBe(false);
  });

  it('.dockerignore keeps local state out of the build context', () => {
    const ignored = read('.dockerignore')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    for (const entry of ['node_modules', 'dist', 'data', '.git', '.env']) expect(ignored).toContain(entry);
    expect(ignored.some((entry) => entry === 'test' || entry === 'test/artifacts')).toBe(true);
  });
});

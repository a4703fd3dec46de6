import { cpuPerOperation, CpuPerOperation } from './thread-cpu';
import { load, LoadResult } from './measure';

export interface HttpLoadsOptions {
  url: string;
  pid: number;
  auth: Record<string, string>;
  /** The stored tiny echo and the stdin it is run with. */
  moduleId: string;
  stdin: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** Runs one measured load as a named phase of the bench (RSS sampling, profile windows). */
  phase: <T>(name: string, work: () => Promise<T>) => Promise<T>;
}

export interface HttpLoad {
  route: string;
  load: LoadResult;
  cpu: CpuPerOperation;
  /** CPU of this process (the load generator) per request, µs. */
  loadGeneratorUs: number;
}

export interface HttpLoads {
  execute: HttpLoad;
  /** GET /health/live: the HTTP stack alone. */
  httpFloor: HttpLoad;
  /** GET /api/v1/me: HTTP with the same guards as an execution (auth, one quota script in Redis), no run. */
  guardedFloor: HttpLoad;
}

/**
 * The same fixed-concurrency load, after a warm-up, on the execution route (the tiny echo stored
 * and run by id: real key, quota guard, usage recording) and on two routes that do less, with the
 * CPU each request costs the service and the whole machine.
 */
export async function measureHttpLoads(options: HttpLoadsOptions): Promise<HttpLoads> {
  const { url, pid, auth, connections, seconds } = options;
  const measure = async (name: string, route: string, request: { method?: string; headers?: Record<string, string>; body?: string }, warmupSeconds: number): Promise<HttpLoad> => {
    const target = { url: `${url}${route}`, connections, ...request };
    await load({ ...target, seconds: warmupSeconds });
    const loadGenerator = process.cpuUsage();
    const { result, cpu } = await options.phase(name, () => cpuPerOperation(pid, () => load({ ...target, seconds }), (done) => done.rps * seconds));
    const { user, system } = process.cpuUsage(loadGenerator);
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name} load: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
    return { route: `${request.method ?? 'GET'} ${route}`, load: result, cpu, loadGeneratorUs: Math.round((user + system) / (result.rps * seconds)) };
  };
  const execute = await measure(
    'execute',
    `/api/v1/modules/${options.moduleId}/executions`,
    { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ stdin: options.stdin }) },
    options.warmupSeconds,
  );
  const httpFloor = await measure('httpFloor', '/health/live', {}, 1);
  const guardedFloor = await measure('guardedFloor', '/api/v1/me', { headers: auth }, 1);
  return { execute, httpFloor, guardedFloor };
}

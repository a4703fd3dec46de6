import { cpuPerOperation, CpuPerOperation } from './thread-cpu';
import { PEER_ROUTE } from './fastify-peer';
import { load, LoadResult, quantile, round } from './measure';

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
  /** The plain Fastify route in front of the same pool (fastify-peer.ts), loaded in turn with execute. */
  peer: { url: string; pid: number };
  /** Turns of execute and peer, `seconds` each, alternating so the machine's noise weighs on both. */
  rounds: number;
  /** The Redis server's socket reads so far (machine.ts), counted over the execute turns; absent without Redis. */
  redisReads?: () => Promise<number>;
  /** Runs one measured load as a named phase of the bench (RSS sampling, profile windows). */
  phase: <T>(name: string, work: () => Promise<T>) => Promise<T>;
}

export interface HttpLoad {
  route: string;
  load: LoadResult;
  cpu: CpuPerOperation;
  /** CPU of this process (the load generator) per request, µs. */
  loadGeneratorUs: number;
  /** Reads of Redis's sockets per request (round trips), when they were counted. */
  redisReadsPerOperation?: number;
}

export interface HttpLoads {
  execute: HttpLoad;
  /** The same load on the plain Fastify route, in turns with execute. */
  peer: HttpLoad;
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
  const body = JSON.stringify({ stdin: options.stdin });
  const json = { method: 'POST', body, headers: { 'content-type': 'application/json' } };
  const executeTarget: Target = { name: 'execute', pid, base: url, route: `/api/v1/modules/${options.moduleId}/executions`, request: { ...json, headers: { ...json.headers, ...auth } } };
  const peerTarget: Target = { name: 'peer', pid: options.peer.pid, base: options.peer.url, route: PEER_ROUTE, request: json };
  const measure = (target: Target, warmupSeconds: number) => measureTurns(target, connections, seconds, warmupSeconds, 1, options.phase);
  // One after the other: loaded together, each would get half the requests its JIT needs.
  for (const target of [executeTarget, peerTarget]) await load({ url: `${target.base}${target.route}`, connections, ...target.request, seconds: options.warmupSeconds });
  const executeTurns: Turn[] = [];
  const peerTurns: Turn[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const readsBefore = await options.redisReads?.();
    const turn = await oneTurn(executeTarget, connections, seconds, options.phase);
    const readsAfter = await options.redisReads?.();
    executeTurns.push({ ...turn, ...(readsBefore === undefined ? {} : { redisReads: readsAfter! - readsBefore }) });
    peerTurns.push(await oneTurn(peerTarget, connections, seconds, options.phase));
  }
  const httpFloor = await measure({ name: 'httpFloor', pid, base: url, route: '/health/live', request: {} }, 1);
  const guardedFloor = await measure({ name: 'guardedFloor', pid, base: url, route: '/api/v1/me', request: { headers: auth } }, 1);
  return { execute: combined(executeTarget, executeTurns), peer: combined(peerTarget, peerTurns), httpFloor, guardedFloor };
}

interface Target {
  name: string;
  /** The process that serves it, whose CPU is counted. */
  pid: number;
  base: string;
  route: string;
  request: { method?: string; headers?: Record<string, string>; body?: string };
}

interface Turn {
  load: LoadResult;
  cpu: CpuPerOperation;
  operations: number;
  loadGeneratorSeconds: number;
  redisReads?: number;
}

async function oneTurn(target: Target, connections: number, seconds: number, phase: HttpLoadsOptions['phase']): Promise<Turn> {
  const loadGenerator = process.cpuUsage();
  const { result, cpu } = await phase(target.name, () =>
    cpuPerOperation(target.pid, () => load({ url: `${target.base}${target.route}`, connections, ...target.request, seconds }), (done) => done.rps * seconds),
  );
  const { user, system } = process.cpuUsage(loadGenerator);
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${target.name} load: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { load: result, cpu, operations: result.rps * seconds, loadGeneratorSeconds: (user + system) / 1e6 };
}

async function measureTurns(target: Target, connections: number, seconds: number, warmupSeconds: number, turns: number, phase: HttpLoadsOptions['phase']): Promise<HttpLoad> {
  await load({ url: `${target.base}${target.route}`, connections, ...target.request, seconds: warmupSeconds });
  const measured: Turn[] = [];
  for (let turn = 0; turn < turns; turn++) measured.push(await oneTurn(target, connections, seconds, phase));
  return combined(target, measured);
}

/** Turns of one target as one load: mean rate, median latencies, CPU per operation over all of them. */
function combined(target: Target, turns: Turn[]): HttpLoad {
  const operations = turns.reduce((sum, turn) => sum + turn.operations, 0);
  const perOperation = (of: (turn: Turn) => number) => Math.round(turns.reduce((sum, turn) => sum + of(turn) * turn.operations, 0) / operations);
  const median = (of: (load: LoadResult) => number) => quantile(turns.map((turn) => of(turn.load)), 0.5);
  return {
    route: `${target.request.method ?? 'GET'} ${target.route}`,
    load: {
      rps: round(turns.reduce((sum, turn) => sum + turn.load.rps, 0) / turns.length),
      p50Ms: median((load) => load.p50Ms),
      p99Ms: median((load) => load.p99Ms),
      non2xx: turns.reduce((sum, turn) => sum + turn.load.non2xx, 0),
      errors: turns.reduce((sum, turn) => sum + turn.load.errors, 0),
    },
    cpu: { mainUs: perOperation((turn) => turn.cpu.mainUs), otherThreadsUs: perOperation((turn) => turn.cpu.otherThreadsUs), machineUs: perOperation((turn) => turn.cpu.machineUs) },
    loadGeneratorUs: Math.round((turns.reduce((sum, turn) => sum + turn.loadGeneratorSeconds, 0) * 1e6) / operations),
    ...(turns.every((turn) => turn.redisReads !== undefined) ? { redisReadsPerOperation: round(turns.reduce((sum, turn) => sum + turn.redisReads!, 0) / operations, 2) } : {}),
  };
}

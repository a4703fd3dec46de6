/**
 * The main thread's CPU per execution split by layer: each layer's share of the profile's busy
 * samples in the measured windows, times the thread's CPU per execution read from /proc. The
 * profile gives the shares (its samples are taken on the wall clock, so a thread waiting for a
 * core is counted where it waits: socket writes and hand-overs to workers weigh a little more
 * than they cost), /proc the absolute figure.
 */
import { readFileSync } from 'node:fs';
import { CpuProfile, profilesIn, summarise, Window } from './profile-summary';

/** Layers by package (profile-summary's packageOf), first match wins. */
const LAYERS: [string, RegExp][] = [
  ['HTTP: node net/http/streams, Fastify', /^(node:(net|_http|http|stream|streams|internal|stream_base_commons|buffer|string_decoder|events|event_target)|fastify|find-my-way|secure-json-parse|fast-querystring|fast-json-stringify|avvio|@fastify\/)/],
  ['native: socket writes, worker messages', /^\(native\)$/],
  ['worker pool: piscina, src/sandbox', /^(piscina|src\/sandbox|node:worker)/],
  ['Nest: router, guards, pipes, class-validator', /^(@nestjs\/|class-validator|class-transformer|reflect-metadata|rxjs|src\/http)/],
  ['quota: ioredis, src/quotas', /^(ioredis|redis-|src\/quotas|denque|cluster-key-slot)/],
  ['auth: src/auth, src/access, lru-cache', /^(src\/(auth|access)|lru-cache)/],
  ['records: pg, TypeORM, src/usage', /^(pg|pg-protocol|pg-pool|typeorm|src\/usage)$/],
  ['metrics and logs: prom-client, pino', /^(prom-client|pino|src\/(metrics|logging))/],
  ['the run itself: src/executions, src/wasm-modules', /^src\/(executions|wasm-modules)/],
  ['garbage collector', /^\(garbage collector\)$/],
  ['Node runtime: timers, promises, async_hooks, util', /^(node:|\(program\))/],
];
const OTHER = 'other';

export interface LayerRow {
  layer: string;
  us: number;
}

/** Busy self time by layer in the windows, as shares of the whole. */
export function layerShares(profile: CpuProfile, windows: Window[]): Map<string, number> {
  const byLayer = new Map<string, number>();
  let busy = 0;
  for (const window of windows) {
    const summary = summarise('', profile, Infinity, window);
    for (const { name, ms } of summary.packages) {
      if (name === '(idle)') continue;
      const layer = LAYERS.find(([, pattern]) => pattern.test(name))?.[0] ?? OTHER;
      byLayer.set(layer, (byLayer.get(layer) ?? 0) + ms);
      busy += ms;
    }
  }
  return new Map([...byLayer].map(([layer, ms]) => [layer, ms / Math.max(busy, 1e-9)]));
}

/** The main-thread profile of process `pid` in `dir` (`node --cpu-prof` names it CPU.*.PID.0.*). */
export function mainThreadProfile(dir: string, pid: number): CpuProfile {
  const file = profilesIn(dir).find((path) => new RegExp(`\\.${pid}\\.0\\.\\d+\\.cpuprofile$`).test(path));
  if (!file) throw new Error(`no main-thread profile of process ${pid} in ${dir}`);
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

/** Rows for every layer either side has, largest first by the first side, in µs per execution. */
export function layerTable(sides: { shares: Map<string, number>; mainUs: number }[]): { layer: string; us: number[] }[] {
  const layers = [...new Set(sides.flatMap(({ shares }) => [...shares.keys()]))];
  const rows = layers.map((layer) => ({ layer, us: sides.map(({ shares, mainUs }) => Math.round((shares.get(layer) ?? 0) * mainUs)) }));
  return rows.sort((a, b) => b.us[0] - a.us[0]);
}

/**
 * node dist/test/bench/profile-summary.js FILE.cpuprofile|DIR [top=25] [FROM_US-TO_US]
 *
 * Summarises V8 CPU profiles (`node --cpu-prof`, or `npm run bench -- --cpu-prof DIR`): self time
 * by package (node_modules/<package>, src/, workers/, node internals, GC, idle) and the functions
 * with the most self time. A directory is read profile by profile (the main thread and each
 * worker write their own). A window in microseconds of the monotonic clock (what
 * `process.hrtime.bigint() / 1000n` reads, in any process of the machine) keeps only the samples
 * taken in it, e.g. during one load and not the service's start.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Time not idle: what the thread spent working. */
  busyMs: number;
  packages: { name: string; ms: number }[];
  functions: { name: string; where: string; ms: number }[];
}

/** Where a frame's code comes from: a package, the project's own code, node, or V8 itself. */
export function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  if (url.startsWith('node:')) return 'node:' + (url.slice(5).split('/')[1] ?? url.slice(5));
  const own = /\/(src|workers|test)\/(.*)$/.exec(url);
  if (own) return `${own[1]}/${own[2].split('/')[0]}`;
  return url;
}

export interface Window {
  fromUs: number;
  toUs: number;
}

export function summarise(file: string, profile: CpuProfile, top = 25, window?: Window): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i];
    if (window && (at < window.fromUs || at > window.toUs)) continue;
    // A sample's time is the delta to the next one.
    const delta = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + delta);
  }
  const packages = new Map<string, number>();
  const functions = new Map<string, { name: string; where: string; us: number }>();
  let totalUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    totalUs += us;
    if (functionName === '(idle)') idleUs += us;
    const pkg = packageOf(url, functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
    const where = url ? `${url.replace(/^.*\/(node_modules|src|workers|test)\//, '$1/')}:${lineNumber + 1}` : '';
    const key = `${functionName}@${where}`;
    const entry = functions.get(key) ?? { name: functionName || '(anonymous)', where, us: 0 };
    entry.us += us;
    functions.set(key, entry);
  }
  const ms = (us: number) => Math.round(us / 100) / 10;
  return {
    file,
    totalMs: ms(totalUs),
    busyMs: ms(totalUs - idleUs),
    packages: [...packages].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => ({ name, ms: ms(us) })),
    functions: [...functions.values()].sort((a, b) => b.us - a.us).slice(0, top).map((f) => ({ name: f.name, where: f.where, ms: ms(f.us) })),
  };
}

export function profilesIn(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => join(path, name))
    .sort();
}

export function printSummary(summary: ProfileSummary): void {
  const percent = (ms: number) => `${((100 * ms) / Math.max(summary.busyMs, 0.001)).toFixed(1).padStart(5)} %`;
  console.log(`\n${basename(summary.file)}: ${summary.totalMs} ms sampled, ${summary.busyMs} ms busy (percentages of busy time)`);
  console.log('  self time by package:');
  for (const entry of summary.packages) if (entry.name !== '(idle)') console.log(`    ${percent(entry.ms)}  ${entry.ms.toFixed(1).padStart(8)} ms  ${entry.name}`);
  console.log('  functions with the most self time:');
  for (const entry of summary.functions) {
    if (entry.name !== '(idle)') console.log(`    ${percent(entry.ms)}  ${entry.ms.toFixed(1).padStart(8)} ms  ${entry.name}  ${entry.where}`);
  }
}

if (require.main === module) {
  const [path, top, range] = process.argv.slice(2);
  if (!path) {
    console.error('usage: node dist/test/bench/profile-summary.js FILE.cpuprofile|DIR [top] [FROM_US-TO_US]');
    process.exit(2);
  }
  const [fromUs, toUs] = (range ?? '').split('-').map(Number);
  const window = range ? { fromUs, toUs } : undefined;
  for (const file of profilesIn(path)) {
    printSummary(summarise(file, JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(top ?? 25), window));
  }
}

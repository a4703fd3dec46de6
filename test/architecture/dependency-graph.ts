import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { unitOf } from './layers';

/** One import between two source files of the repository (paths from its root). */
export interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

export interface UnitEdge {
  from: string;
  to: string;
  /** The file imports that make it, `a.ts -> b.ts`. */
  imports: string[];
}

const SOURCE_ROOTS = ['src', 'workers'];

export function repositoryRoot(start = __dirname): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

interface CruiseOutput {
  modules: { source: string; dependencies: { resolved: string; dependencyTypes: string[] }[] }[];
}

/** Every import between files of src/ and workers/, type-only ones included, read by dependency-cruiser. */
export function readImports(root = repositoryRoot()): Edge[] {
  const cli = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const args = [cli, ...SOURCE_ROOTS, '--no-config', '--ts-config', 'tsconfig.json', '--ts-pre-compilation-deps', '--do-not-follow', 'node_modules', '--output-type', 'json'];
  const output = execFileSync(process.execPath, args, { cwd: root, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
  const inRepository = (path: string) => SOURCE_ROOTS.some((top) => path.startsWith(`${top}/`));
  return (JSON.parse(output) as CruiseOutput).modules.flatMap((module) =>
    module.dependencies
      .filter((dependency) => inRepository(dependency.resolved))
      .map((dependency) => ({ from: module.source, to: dependency.resolved, typeOnly: dependency.dependencyTypes.includes('type-only') })),
  );
}

function describe(edge: Edge): string {
  return `${edge.from} -> ${edge.to}${edge.typeOnly ? ' (type)' : ''}`;
}

/** Imports that leave a file's layer for a higher one. */
export function upwardImports(edges: Edge[]): string[] {
  return edges.filter((edge) => unitOf(edge.from)!.level < unitOf(edge.to)!.level).map(describe);
}

/** Source files no unit of LAYERS places. */
export function unplacedFiles(edges: Edge[]): string[] {
  return [...new Set(edges.flatMap((edge) => [edge.from, edge.to]))].filter((path) => !unitOf(path)).sort();
}

/** The imports between different units, grouped by unit pair; `grouping` names a file's unit. */
export function unitEdges(edges: Edge[], grouping: (path: string) => string = (path) => unitOf(path)!.name): UnitEdge[] {
  const pairs = new Map<string, UnitEdge>();
  for (const edge of edges) {
    const from = grouping(edge.from);
    const to = grouping(edge.to);
    if (from === to) continue;
    const key = `${from} -> ${to}`;
    const pair = pairs.get(key) ?? { from, to, imports: [] };
    pair.imports.push(describe(edge));
    pairs.set(key, pair);
  }
  return [...pairs.values()];
}

/** Unit pairs that import each other, `a <-> b`. */
export function mutualPairs(pairs: UnitEdge[]): string[] {
  const keys = new Set(pairs.map((pair) => `${pair.from} -> ${pair.to}`));
  return pairs.filter((pair) => pair.from < pair.to && keys.has(`${pair.to} -> ${pair.from}`)).map((pair) => `${pair.from} <-> ${pair.to}`);
}

/** Groups of two or more units that reach each other (Tarjan's strongly connected components). */
export function unitCycles(pairs: UnitEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const pair of pairs) next.set(pair.from, [...(next.get(pair.from) ?? []), pair.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (unit: string) => {
    index.set(unit, index.size);
    low.set(unit, index.get(unit)!);
    stack.push(unit);
    for (const target of next.get(unit) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(unit, Math.min(low.get(unit)!, low.get(target)!));
      } else if (stack.includes(target)) low.set(unit, Math.min(low.get(unit)!, index.get(target)!));
    }
    if (low.get(unit) !== index.get(unit)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      component.push(member);
    } while (member !== unit);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const unit of next.keys()) if (!index.has(unit)) visit(unit);
  return cycles;
}

/** The plain folder of a file: `src/<folder>`, `workers`, or `src` for the files at its top. */
export function folderOf(path: string): string {
  const [top, second] = path.split('/');
  return top === 'src' && path.split('/').length > 2 ? second : top;
}

/** Nest modules marked @Global(), as `file: ClassName`. */
export function globalModules(root = repositoryRoot()): string[] {
  const files = (readdirSync(join(root, 'src'), { recursive: true }) as string[]).filter((file) => file.endsWith('.ts'));
  return files.flatMap((file) => {
    const text = readFileSync(join(root, 'src', file), 'utf8');
    return [...text.matchAll(/@Global\(\)\s*@Module\([\s\S]*?\)\s*(?:export\s+)?class\s+(\w+)/g)].map(
      (match) => `${relative(root, join(root, 'src', file))}: ${match[1]}`,
    );
  });
}

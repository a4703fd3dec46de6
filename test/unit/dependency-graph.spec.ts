import { Edge, folderOf, globalModules, mutualPairs, readImports, unitCycles, unitEdges, unplacedFiles, upwardImports } from '../architecture/dependency-graph';
import { unitOf } from '../architecture/layers';

// The layer order and the units are in test/architecture/layers.ts; `npm run deps` prints the figures.
describe('the dependency graph', () => {
  let edges: Edge[];

  beforeAll(() => {
    edges = readImports();
  }, 60_000);

  it('is read whole (the reader sees the imports it must judge)', () => {
    expect(edges).toContainEqual({ from: 'src/app.module.ts', to: 'src/auth/auth.module.ts', typeOnly: false });
    expect(edges.length).toBeGreaterThan(300);
  });

  it('places every source file in a layer', () => {
    expect(unplacedFiles(edges)).toEqual([]);
  });

  it('has no import from a lower layer up to a higher one', () => {
    expect(upwardImports(edges)).toEqual([]);
  });

  it('has no two units importing each other, directly or round a loop', () => {
    const pairs = unitEdges(edges);
    expect(mutualPairs(pairs)).toEqual([]);
    expect(unitCycles(pairs)).toEqual([]);
  });

  it('has no two plain folders importing each other', () => {
    expect(mutualPairs(unitEdges(edges, folderOf))).toEqual([]);
  });

  it('makes only config, database and metrics global', () => {
    expect(globalModules().map((entry) => entry.split(': ')[1]).sort()).toEqual(['ConfigModule', 'DatabaseModule', 'MetricsModule']);
  });
});

describe('the checks themselves', () => {
  const edge = (from: string, to: string): Edge => ({ from, to, typeOnly: false });

  it('see an import up the layers', () => {
    expect(unitOf('src/tiers/tiers.service.ts')!.level).toBeLessThan(unitOf('src/auth/auth.service.ts')!.level);
    expect(upwardImports([edge('src/tiers/tiers.service.ts', 'src/auth/auth.service.ts')])).toEqual(['src/tiers/tiers.service.ts -> src/auth/auth.service.ts']);
    expect(upwardImports([edge('src/auth/auth.service.ts', 'src/tiers/tiers.service.ts')])).toEqual([]);
  });

  it('see units importing each other, and a longer loop', () => {
    const pairs = unitEdges([edge('src/redis/a.ts', 'src/metrics/b.ts'), edge('src/metrics/b.ts', 'src/redis/c.ts')]);
    expect(mutualPairs(pairs)).toEqual(['metrics <-> redis']);
    const loop = unitEdges([edge('src/redis/a.ts', 'src/metrics/b.ts'), edge('src/metrics/b.ts', 'src/database/c.ts'), edge('src/database/c.ts', 'src/redis/d.ts')]);
    expect(mutualPairs(loop)).toEqual([]);
    expect(unitCycles(loop)).toEqual([['database', 'metrics', 'redis']]);
  });

  it('place an entity in the schema and a new folder nowhere', () => {
    expect(unitOf('src/schema/tier.entity.ts')!.name).toBe('schema');
    expect(unitOf('src/batches/batch.entity.ts')!.name).toBe('schema');
    expect(unplacedFiles([edge('src/new-folder/a.ts', 'src/http/problem.ts')])).toEqual(['src/new-folder/a.ts']);
  });
});

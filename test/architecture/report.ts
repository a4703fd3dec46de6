import { folderOf, globalModules, mutualPairs, readImports, unitCycles, unitEdges, unplacedFiles, upwardImports } from './dependency-graph';

/**
 * The structure figures of issue 16: `npm run deps`. The test test/unit/dependency-graph.spec.ts
 * holds them at zero.
 */
function main(): void {
  const edges = readImports();
  const unplaced = unplacedFiles(edges);
  const upward = unplaced.length === 0 ? upwardImports(edges) : [];
  const units = unplaced.length === 0 ? unitEdges(edges) : [];
  const folders = unitEdges(edges, folderOf);
  const globals = globalModules();
  const section = (title: string, lines: string[]) => console.log(`${title}: ${lines.length}${lines.map((line) => `\n  ${line}`).join('')}`);
  section('files no layer places', unplaced);
  section('imports from a lower layer up to a higher one', upward);
  section('unit pairs importing each other (layers.ts units)', mutualPairs(units));
  section('unit cycles', unitCycles(units).map((cycle) => cycle.join(' ')));
  section('plain folder pairs importing each other', mutualPairs(folders));
  section('@Global modules', globals);
}

main();

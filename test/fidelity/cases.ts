/**
 * Small programs whose stdout, stderr and exit code must be those of node:wasi with piped stdio
 * (see node-wasi.ts), byte for byte, on every engine and through both run routes. Their sources
 * are in test/fixtures/fidelity; `node examples/build.js` rebuilds them, and
 * `npm run fidelity:golden` records node:wasi's answers in test/fixtures/fidelity/golden.json.
 */
export interface FidelityCase {
  name: string;
  /** Relative to the repository root. */
  wasm: string;
  /** argv[1..]; argv[0] is `<name>.wasm`. */
  args?: string[];
  stdin?: string;
  /**
   * Set for a program that ends by throwing a wasm exception: node:wasi dies of it (and prints a
   * stack of its own), where the service reports a trap with this message; stdout must match.
   */
  trap?: RegExp;
}

const FIXTURES = 'test/fixtures/fidelity';
/** More than the output cap the tests set (FLOOD_CAP), so that every flood is cut there. */
export const FLOOD_BYTES = 256 * 1024;
export const FLOOD_CAP = 64 * 1024;

function flood(name: string, stream: 'stdout' | 'stderr', bytes: number, ...moves: string[]): FidelityCase {
  return { name, wasm: `${FIXTURES}/flood.wasm`, args: [stream, String(bytes), ...moves] };
}

export const FIDELITY_CASES: readonly FidelityCase[] = [
  { name: 'stdio-pipes', wasm: `${FIXTURES}/stdio-pipes.wasm`, stdin: 'a line of stdin\n' },
  { name: 'redirect', wasm: `${FIXTURES}/redirect.wasm`, stdin: 'the stdin line\n' },
  { name: 'symlinks', wasm: `${FIXTURES}/symlinks.wasm` },
  flood('flood-stdout', 'stdout', FLOOD_BYTES),
  flood('flood-stdout-at-4', 'stdout', FLOOD_BYTES, '1:4'),
  flood('flood-stdout-at-0', 'stdout', FLOOD_BYTES, '1:0'),
  flood('flood-stdout-moved-twice', 'stdout', FLOOD_BYTES, '1:4', '4:9'),
  flood('flood-stderr-at-5', 'stderr', FLOOD_BYTES, '2:5'),
  flood('flood-stderr-onto-1', 'stderr', FLOOD_BYTES, '2:1'),
  flood('small-flood-stdout-at-4', 'stdout', 20_000, '1:4'),
  { name: 'throw', wasm: `${FIXTURES}/throw.wasm`, trap: /uncaught exception/ },
  { name: 'clocks', wasm: `${FIXTURES}/clocks.wasm` },
];

/**
 * Where an engine other than the default answers differently, and why (the README's engine table
 * says the same); the tests check that it still does, so a gain shows too.
 */
export const ENGINE_DIFFERENCES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  wasmer: { symlinks: "@wasmer/wasi's in-memory filesystem has no working symbolic links: a stat of one fails (INVAL), and following one panics inside wasmer" },
};

export function differenceOn(engine: string, test: FidelityCase): string | undefined {
  return ENGINE_DIFFERENCES[engine]?.[test.name];
}

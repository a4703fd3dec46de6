/**
 * One run under node:wasi, the reference a program's behaviour here is compared with:
 *
 *   node --no-warnings --no-turbo-fast-api-calls node-wasi-child.js '{"wasm":…,"args":[…],"dir":…}'
 *
 * started by node-wasi.ts with stdin, stdout and stderr piped. The guest gets `dir` preopened as
 * `/`, the args, an empty environment, and its exit code becomes this process's. Nothing else is
 * written to stdout or stderr (Node's own report of an uncaught exception aside).
 */
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const { wasm, args, dir } = JSON.parse(process.argv[2]) as { wasm: string; args: string[]; dir: string };
const wasi = new WASI({ version: 'preview1', args, env: {}, preopens: { '/': dir }, returnOnExit: true });
const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasm)), wasi.getImportObject() as WebAssembly.Imports);
process.exitCode = wasi.start(instance);

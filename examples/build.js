#!/usr/bin/env node
'use strict';
/*
 * Rebuilds every WebAssembly sample and test fixture in the repository:
 *
 *   examples/NAME.c              -> examples/NAME.wasm        (clang, wasm32-wasi)
 *   test/fixtures/c/NAME.c       -> NAME.wasm beside it        (clang, wasm32-wasi)
 *   test/fixtures/fidelity/NAME.c -> NAME.wasm beside it       (clang, wasm32-wasi)
 *   test/fixtures/** /NAME.wat   -> NAME.wasm beside it        (wabt)
 *   test/fixtures/hostile/not-wasm.wasm, empty.wasm, truncated.wasm (generated)
 *
 * Usage:
 *   node examples/build.js              build everything
 *   node examples/build.js --wat-only   skip the C examples (no clang needed)
 *
 * Environment:
 *   CC            C compiler to use (default: clang)
 *   WASI_SYSROOT  sysroot holding wasi-libc (default: /usr, the Debian layout
 *                 with /usr/include/wasm32-wasi and /usr/lib/wasm32-wasi;
 *                 for wasi-sdk use e.g. /opt/wasi-sdk/share/wasi-sysroot)
 *
 * The output is deterministic: building twice with the same toolchain gives
 * byte-identical files. Only the wabt npm package and a clang toolchain with
 * a wasm32-wasi sysroot are needed.
 */
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const EXAMPLES_DIR = __dirname;
const FIXTURES_DIR = path.join(ROOT, 'test', 'fixtures');
const HOSTILE_DIR = path.join(FIXTURES_DIR, 'hostile');
/* Folders of C programs: the samples, then the C test fixtures. */
const C_DIRS = [EXAMPLES_DIR, path.join(FIXTURES_DIR, 'c'), path.join(FIXTURES_DIR, 'fidelity')];
const HELLO_WAT = path.join(FIXTURES_DIR, 'wat', 'hello.wat');

const CC = process.env.CC || 'clang';
const WASI_SYSROOT = process.env.WASI_SYSROOT || '/usr';
const CFLAGS = [
  '--target=wasm32-wasi',
  `--sysroot=${WASI_SYSROOT}`,
  '-O2',
  '-std=c11',
  '-Wall',
  '-Wextra',
  '-Wl,--strip-debug',
];

/*
 * Features a fixture may use; table-grow-bomb needs reference types, fidelity/throw exceptions,
 * binary/ the features of Node 20's engine beyond them.
 */
const WAT_FEATURES = {
  mutable_globals: true,
  sat_float_to_int: true,
  sign_extension: true,
  multi_value: true,
  bulk_memory: true,
  reference_types: true,
  simd: true,
  exceptions: true,
  threads: true,
  tail_call: true,
};

const built = [];

function rel(file) {
  return path.relative(ROOT, file).split(path.sep).join('/');
}

function writeOutput(file, bytes) {
  fs.writeFileSync(file, bytes);
  fs.chmodSync(file, 0o644);
  built.push(file);
}

function listFiles(dir, ext, recursive) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && recursive) out.push(...listFiles(full, ext, true));
    else if (entry.isFile() && entry.name.endsWith(ext)) out.push(full);
  }
  return out.sort();
}

function buildC(dir) {
  const sources = listFiles(dir, '.c', false);
  for (const source of sources) {
    const name = path.basename(source, '.c');
    const output = path.join(dir, `${name}.wasm`);
    // Relative paths and a fixed cwd keep the command (and its output) identical everywhere.
    const args = [...CFLAGS, `${name}.c`, '-o', `${name}.wasm`];
    try {
      execFileSync(CC, args, { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
    } catch (err) {
      if (err.code === 'ENOENT') {
        throw new Error(
          `C compiler "${CC}" not found. Install clang, wasm-ld and wasi-libc ` +
            '(Debian: clang lld wasi-libc libclang-rt-dev-wasm32), set CC/WASI_SYSROOT, ' +
            'or run with --wat-only.',
        );
      }
      throw new Error(`compiling ${rel(source)} failed: ${CC} ${args.join(' ')}`);
    }
    fs.chmodSync(output, 0o644);
    built.push(output);
  }
}

function buildWat(wabt) {
  const sources = listFiles(FIXTURES_DIR, '.wat', true);
  for (const source of sources) {
    writeOutput(source.replace(/\.wat$/, '.wasm'), watToWasm(wabt, source));
  }
}

function watToWasm(wabt, source) {
  const text = fs.readFileSync(source, 'utf8');
  const mod = wabt.parseWat(rel(source), text, WAT_FEATURES);
  try {
    mod.resolveNames();
    mod.validate();
    const { buffer } = mod.toBinary({ log: false, write_debug_names: false });
    return Buffer.from(buffer);
  } finally {
    mod.destroy();
  }
}

function buildInvalid(wabt) {
  fs.mkdirSync(HOSTILE_DIR, { recursive: true });
  writeOutput(path.join(HOSTILE_DIR, 'not-wasm.wasm'), Buffer.from('this is not a wasm module\n', 'utf8'));
  writeOutput(path.join(HOSTILE_DIR, 'empty.wasm'), Buffer.alloc(0));
  // Built from the WAT hello (not the C one) so that --wat-only machines produce the same bytes.
  const hello = watToWasm(wabt, HELLO_WAT);
  writeOutput(path.join(HOSTILE_DIR, 'truncated.wasm'), hello.subarray(0, Math.floor(hello.length / 2)));
}

async function main() {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write('usage: node examples/build.js [--wat-only]\n');
    return;
  }
  const unknown = args.filter((a) => a !== '--wat-only');
  if (unknown.length > 0) throw new Error(`unknown argument(s): ${unknown.join(' ')}`);
  const watOnly = args.includes('--wat-only');

  if (!watOnly) {
    for (const dir of C_DIRS) buildC(dir);
  }
  const wabt = await require('wabt')();
  buildWat(wabt);
  buildInvalid(wabt);

  for (const file of built) {
    const bytes = fs.readFileSync(file);
    const digest = crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    process.stdout.write(`${String(bytes.length).padStart(7)}  ${digest}  ${rel(file)}\n`);
  }
  process.stdout.write(`built ${built.length} files${watOnly ? ' (--wat-only: C examples skipped)' : ''}\n`);
}

main().catch((err) => {
  process.stderr.write(`build failed: ${err.message}\n`);
  process.exitCode = 1;
});

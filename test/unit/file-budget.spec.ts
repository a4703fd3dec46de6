import { ENGINE_NAMES } from '../../workers/engines';
import { compileWat, Result, ThreadRunner } from '../support/thread-runner';

/**
 * The bytes of the guest's files count against the run's memory limit together with its linear
 * memory, on every engine: a run past the limit stops as memory_limit_exceeded, without the host
 * allocating what it asked for; removed files give their bytes back. (On wasmer a file's byte
 * costs four: see wasmer-files.ts; the sizes here give the same answers on both engines.)
 */

const LIMIT = 16 * 1024 * 1024;
const MIB = 1024 * 1024;

let runner: ThreadRunner;

beforeAll(() => {
  runner = new ThreadRunner();
});

afterAll(async () => {
  await runner.stop();
});

/**
 * A WASI command around `body` (with 5 MiB of memory by default), with `$open` (creates the file named at 16 with FD_WRITE |
 * FD_ALLOCATE | FD_FILESTAT_SET_SIZE and returns its fd), `$unlink` (removes it), one iovec at
 * 32 pointing at the `size` bytes from 1 MiB, `$write`, `$pwrite`, `$allocate`, `$truncate`;
 * $expect exits with `code` when a call's errno is not 0.
 */
function program(name: string, body: string, pages = 81): string {
  return `
(module
  (import "wasi_snapshot_preview1" "path_open" (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_unlink_file" (func $path_unlink (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_pwrite" (func $fd_pwrite (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_allocate" (func $fd_allocate (param i32 i64 i64) (result i32)))
  (import "wasi_snapshot_preview1" "fd_filestat_set_size" (func $fd_set_size (param i32 i64) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") ${pages})
  (data (i32.const 16) "${name}")
  (func $expect (param $errno i32) (param $code i32)
    (if (local.get $errno) (then (call $exit (local.get $code)))))
  (func $open (result i32)
    (call $expect (call $path_open (i32.const 3) (i32.const 0) (i32.const 16) (i32.const ${name.length}) (i32.const 1)
      (i64.const 0x400140) (i64.const 0) (i32.const 0) (i32.const 0)) (i32.const 10))
    (i32.load (i32.const 0)))
  (func $unlink (call $expect (call $path_unlink (i32.const 3) (i32.const 16) (i32.const ${name.length})) (i32.const 11)))
  (func $iov (param $size i32)
    (i32.store (i32.const 32) (i32.const 1048576))
    (i32.store (i32.const 36) (local.get $size)))
  (func $write (param $fd i32) (param $size i32)
    (call $iov (local.get $size))
    (call $expect (call $fd_write (local.get $fd) (i32.const 32) (i32.const 1) (i32.const 40)) (i32.const 12)))
  (func $pwrite (param $fd i32) (param $size i32) (param $offset i64)
    (call $iov (local.get $size))
    (call $expect (call $fd_pwrite (local.get $fd) (i32.const 32) (i32.const 1) (local.get $offset) (i32.const 40)) (i32.const 13)))
  (func (export "_start") (local $fd i32) (local $round i32)
    ${body}
    (call $exit (i32.const 0))))`;
}

const CASES: Array<{ name: string; body: string; pages?: number; status: string }> = [
  {
    name: 'a file written 1 MiB at a time past the limit stops the run',
    body: `(local.set $fd (call $open)) (loop $more (call $write (local.get $fd) (i32.const 1048576)) (br $more))`,
    status: 'memory_limit_exceeded',
  },
  {
    name: 'one byte written 1 GiB into a file stops the run before anything is allocated',
    body: `(call $pwrite (call $open) (i32.const 1) (i64.const 1073741824))`,
    status: 'memory_limit_exceeded',
  },
  {
    name: 'a file grown to 1 TiB by fd_filestat_set_size stops the run',
    body: `(call $expect (call $fd_set_size (call $open) (i64.const 1099511627776)) (i32.const 14))`,
    status: 'memory_limit_exceeded',
  },
  {
    name: 'a file grown past the limit by fd_allocate stops the run',
    body: `(call $expect (call $fd_allocate (call $open) (i64.const 0) (i64.const 33554432)) (i32.const 15))`,
    status: 'memory_limit_exceeded',
  },
  {
    name: 'files and linear memory count together: 12 MiB of memory and a 6 MiB file pass a 16 MiB limit',
    pages: 192,
    body: `(local.set $fd (call $open)) (call $write (local.get $fd) (i32.const 3145728)) (call $write (local.get $fd) (i32.const 3145728))`,
    status: 'memory_limit_exceeded',
  },
  {
    name: '12 MiB of memory and a 512 KiB file stay under a 16 MiB limit',
    pages: 192,
    body: `(call $write (call $open) (i32.const 524288))`,
    status: 'success',
  },
  {
    name: 'a removed file gives its bytes back: 2 MiB written and removed 8 times under a 16 MiB limit',
    body: `(loop $again
      (local.set $fd (call $open))
      (call $write (local.get $fd) (i32.const 1048576)) (call $write (local.get $fd) (i32.const 1048576))
      (call $expect (call $fd_close (local.get $fd)) (i32.const 16))
      (call $unlink)
      (local.set $round (i32.add (local.get $round) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $round) (i32.const 8))))`,
    status: 'success',
  },
];

describe.each(ENGINE_NAMES)('engine %s', (engine) => {
  test.each(CASES)('$name', async ({ name, body, pages, status }) => {
    const path = await compileWat(`files-${name.length}-${status}`, program('data.bin', body, pages));
    const result: Result = await runner.run(engine, path, { memoryLimitBytes: LIMIT });
    expect({ status: result.status, exitCode: result.exitCode }).toEqual({ status, exitCode: status === 'success' ? 0 : null });
    if (status !== 'success') expect(result.error).toContain(`memory limit of ${LIMIT} bytes`);
  });

  test('the hostile file-bomb fixture stops at the limit', async () => {
    const result = await runner.run(engine, 'test/fixtures/hostile/file-bomb.wasm', { memoryLimitBytes: LIMIT });
    expect(result.status).toBe('memory_limit_exceeded');
  });

  test('each file made costs room too: creating empty files without end stops the run', async () => {
    const path = await compileWat(
      'files-many',
      program('f0000000', `(loop $more
        (drop (call $open))
        (i32.store8 (i32.const 23) (i32.add (i32.load8_u (i32.const 23)) (i32.const 1)))
        (if (i32.eq (i32.load8_u (i32.const 23)) (i32.const 58)) (then
          (i32.store8 (i32.const 23) (i32.const 48))
          (i32.store8 (i32.const 22) (i32.add (i32.load8_u (i32.const 22)) (i32.const 1)))
          (if (i32.eq (i32.load8_u (i32.const 22)) (i32.const 58)) (then
            (i32.store8 (i32.const 22) (i32.const 48))
            (i32.store8 (i32.const 21) (i32.add (i32.load8_u (i32.const 21)) (i32.const 1)))))))
        (br $more))`, 1),
    );
    const result = await runner.run(engine, path, { memoryLimitBytes: 2 * MIB });
    expect(result.status).toBe('memory_limit_exceeded');
  });
});

import { init, WASI } from '@wasmer/wasi';
import { dirname, posix } from 'node:path';
import { EngineSession, GuestSetup, runStartExport, WasiEngine } from './engine';

type MemFs = WASI['fs'];

function ensureDirectory(fs: MemFs, directory: string): void {
  if (directory === '/' || directory === '.') return;
  ensureDirectory(fs, dirname(directory));
  try {
    fs.createDir(directory);
  } catch {
    // already there
  }
}

/** @wasmer/wasi (the design card's engine): wasmer's WASI compiled to wasm, with an in-memory fs. */
export class WasmerEngine implements WasiEngine {
  readonly name = 'wasmer';

  async ready(): Promise<void> {
    await init();
  }

  createSession(module: WebAssembly.Module, guest: GuestSetup): EngineSession {
    // wasmer refuses a module that imports nothing of WASI; such a module needs no WASI state.
    if (!WebAssembly.Module.imports(module).some((entry) => entry.module.startsWith('wasi_'))) {
      return { imports: {}, start: (instance) => runStartExport(instance) };
    }
    const wasi = new WASI({ args: guest.args, env: guest.env, preopens: { '/': '/' } });
    for (const file of guest.files) {
      const path = posix.join('/', file.path);
      ensureDirectory(wasi.fs, dirname(path));
      const handle = wasi.fs.open(path, { read: true, write: true, create: true });
      handle.write(file.data);
      handle.free();
    }
    wasi.setStdinBuffer(guest.stdin);
    const imports = wasi.getImports(module) as WebAssembly.Imports;
    return {
      imports,
      start(instance) {
        wasi.instantiate(instance, {});
        try {
          return wasi.start(instance);
        } catch (error) {
          throw unwrapGuestError(error);
        } finally {
          wasi.free();
        }
      },
    };
  }
}

/**
 * wasmer runs `_start` from its own wasm, so a trap of the guest comes back as a plain Error
 * ("Error while running start function: RuntimeError: unreachable"). Turn it back into what V8
 * threw, so a trap is a trap on every engine.
 */
function unwrapGuestError(error: unknown): unknown {
  const message = error instanceof Error ? error.message : '';
  const wrapped = /JsValue\((RuntimeError|RangeError): ([^\n]*)/.exec(message) ?? /RuntimeError: ()([^\n(][^\n]*)/.exec(message);
  if (!wrapped) return error;
  const [, kind, text] = wrapped;
  return kind === 'RangeError' ? new RangeError(text) : new WebAssembly.RuntimeError(text);
}

import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runServiceExpectingExit } from '../support/service-process';

describe('settings are checked at start', () => {
  it('refuses to start with bad settings, listing every problem on its own line', async () => {
    const { code, output } = await runServiceExpectingExit({
      WASI_ENGINE: 'bogus',
      LOG_LEVEL: 'loud',
      SERVER_PORT: '99999',
      MAX_WASM_SIZE: 'big',
      MEMORY_LIMIT: '8GB',
      EXECUTION_TIMEOUT: '30d',
      TRUST_PROXY: 'loopback, 10.0.0.0/99',
      REDIS_URL: 'localhost:6379',
    });
    expect(code).toBe(1);
    const lines = output.trim().split('\n');
    expect(lines).toEqual([
      'wasmwiz: SERVER_PORT="99999" must be an integer between 0 and 65535',
      'wasmwiz: REDIS_URL must be a Redis URL (redis://host:6379)',
      'wasmwiz: MAX_WASM_SIZE="big" is not a size: use bytes or a unit such as 10MB',
      'wasmwiz: EXECUTION_TIMEOUT="30d" is not a duration: use seconds (5), 5s or 5000ms',
      'wasmwiz: MEMORY_LIMIT="8GB" must be between 65536 and 4294967296 bytes',
      'wasmwiz: WASI_ENGINE="bogus" must be one of default, wasmer, browser_wasi_shim',
      'wasmwiz: TRUST_PROXY: "10.0.0.0/99" is not an address, a CIDR, loopback, linklocal or uniquelocal',
      'wasmwiz: LOG_LEVEL="loud" must be one of fatal, error, warn, info, debug, trace, silent',
    ]);
  });

  it("lists production's own requirements with the other problems", async () => {
    const { code, output } = await runServiceExpectingExit({ NODE_ENV: 'production', WASI_ENGINE: 'bogus', DATABASE_URL: 'mysql://x@y/z' });
    expect(code).toBe(1);
    expect(output.trim().split('\n')).toEqual([
      'wasmwiz: DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/db)',
      'wasmwiz: WASI_ENGINE="bogus" must be one of default, wasmer, browser_wasi_shim',
      'wasmwiz: API_SALT is required in production (at least 16 random characters)',
      'wasmwiz: ADMIN_TOKEN is required in production',
    ]);
  });

  it('says a port in use is in use, and exits 1 (it was a bare EADDRINUSE stack)', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const dataDir = mkdtempSync(join(tmpdir(), 'wasmwiz-port-'));
    try {
      const { code, output } = await runServiceExpectingExit({ SERVER_HOST: '127.0.0.1', SERVER_PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'error' });
      expect(code).toBe(1);
      expect(output).toContain(`wasmwiz: 127.0.0.1:${port} is in use by another process (another WasmWiz?): stop it, or set SERVER_PORT to a free port`);
      expect(output).not.toMatch(/at Server\.setupListenHandle/);
    } finally {
      taken.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './app.factory';
import { ServerSecrets } from './auth/server-secrets';
import { AppConfig, productionProblems, readConfig } from './config/app-config';
import { applyHeapGrowth } from './config/heap-growth';
import { ReadinessService } from './health/readiness.service';

/** Every problem with the settings, one line each, and exit 1; or the settings. */
function configOrExit(): AppConfig {
  const { config, problems } = readConfig();
  const all = [...problems, ...productionProblems(config)];
  if (all.length === 0) return config;
  for (const problem of all) console.error(`wasmwiz: ${problem}`);
  process.exit(1);
}

/**
 * SIGTERM/SIGINT: readiness turns false first (load balancers stop sending), then the server stops
 * accepting, answers every in-flight execution, flushes buffered records and closes its pools.
 */
function stopOnSignals(app: NestFastifyApplication, config: AppConfig): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    app.get(ReadinessService).startDraining();
    await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
    try {
      await app.close();
      console.log(`wasmwiz: stopped on ${signal}`);
      process.exit(0);
    } catch (error) {
      console.error(`wasmwiz: shutdown failed: ${(error as Error).message}`);
      process.exit(1);
    }
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

async function main(): Promise<void> {
  const config = configOrExit();
  applyHeapGrowth(config.heapGrowthPercent);
  const app = await createApp(config);
  stopOnSignals(app, config);
  await app.listen(config.port, config.host);
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  console.log(`WasmWiz is serving the API and the UI at ${url}/ (API docs at ${url}/docs)`);
  const secrets = app.get(ServerSecrets);
  if (secrets.generatedAdminToken) {
    // Shown once, on the start that made it; it is kept under DATA_DIR for the next starts.
    console.log(`Admin token (generated; set ADMIN_TOKEN to choose your own): ${secrets.adminToken}`);
  }
}

void main();

import 'reflect-metadata';
import { createApp } from './app.factory';
import { ServerSecrets } from './auth/server-secrets';
import { AppConfig, productionProblems, readConfig } from './config/app-config';
import { applyHeapGrowth } from './config/heap-growth';
import { stopOnSignals } from './lifecycle/stop-on-signals';

/** Every problem with the settings, one line each, and exit 1; or the settings. */
function configOrExit(): AppConfig {
  const { config, problems } = readConfig();
  const all = [...problems, ...productionProblems(config)];
  if (all.length === 0) return config;
  for (const problem of all) console.error(`wasmwiz: ${problem}`);
  process.exit(1);
}

async function main(): Promise<void> {
  const config = configOrExit();
  applyHeapGrowth(config.heapGrowthPercent);
  const app = await createApp(config);
  stopOnSignals(app, { delayMs: config.shutdownDelayMs, exit: (code) => process.exit(code), log: (line) => console.log(line), now: Date.now });
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

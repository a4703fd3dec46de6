import 'reflect-metadata';
import { type Logger, symbols } from 'pino';
import { createApp } from './app.factory';
import { secretsFile, ServerSecrets } from './auth/server-secrets';
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
  try {
    await app.listen(config.port, config.host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.error(`wasmwiz: ${config.host}:${config.port} is in use by another process (another WasmWiz?): stop it, or set SERVER_PORT to a free port`);
    await app.close();
    process.exit(1);
  }
  // The address listened on, as it is: `localhost` may resolve to ::1 first, where nothing listens.
  const url = await app.getUrl();
  // The banner goes through the log's own stream: pino writes asynchronously, so a line written
  // beside it (console.log) could overtake the start's last log lines ("Server listening").
  const log = app.getHttpAdapter().getInstance().log as unknown as Logger;
  const out = (log as unknown as Record<symbol, { write(text: string): void }>)[symbols.streamSym];
  for (const line of howToBegin(url, config, app.get(ServerSecrets))) out.write(`${line}\n`);
}

/**
 * The last lines of a start, after every log line of it: where the service is and how to
 * administer it. The generated admin token is shown once, on the start that made it; later
 * starts say where it is kept.
 */
function howToBegin(url: string, config: AppConfig, secrets: ServerSecrets): string[] {
  const serving =
    config.role === 'executor'
      ? `WasmWiz is serving health and metrics only at ${url}/ (an executor: it works the job queue; the API and the UI are on the api processes)`
      : `WasmWiz is serving the API and the UI at ${url}/ (API docs at ${url}/docs)`;
  if (config.adminToken) return [serving, 'Admin token: the one ADMIN_TOKEN sets'];
  const kept = secretsFile(config);
  if (!secrets.generatedAdminToken) return [serving, `Admin token: kept in ${kept} (adminToken); set ADMIN_TOKEN to choose your own`];
  return [
    serving,
    `Admin token (generated on this first start, kept in ${kept}; set ADMIN_TOKEN to choose your own):`,
    `  ${secrets.adminToken}`,
    `Next: open ${url}/ and choose Admin, or see "First steps" in README.md to make an account and a key with curl`,
  ];
}

void main();

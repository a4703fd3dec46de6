import 'reflect-metadata';
import { createApp } from './app.factory';
import { loadConfig, productionProblems } from './config/app-config';
import { ConfigError } from './config/units';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`wasmwiz: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const problems = productionProblems(config);
  if (problems.length > 0) {
    for (const problem of problems) console.error(`wasmwiz: ${problem}`);
    process.exit(1);
  }
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  console.log(`WasmWiz is serving the API and UI at ${url.replace('[::1]', 'localhost')}/`);
}

void main();

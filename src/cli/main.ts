#!/usr/bin/env node
/**
 * wasmwiz: the command line of the WasmWiz API, on the client generated from its OpenAPI
 * document. WASMWIZ_URL (default http://127.0.0.1:8080), WASMWIZ_KEY, WASMWIZ_ADMIN_TOKEN.
 */
import { Command, InvalidArgumentError } from 'commander';
import { readFileSync } from 'node:fs';
import { projectFile } from '../common/paths';
import { parseDurationMs } from '../config/units';
import { CliError } from './api';
import { createAccount, createKey, listModules, pushModule, removeModule, usage } from './commands';
import { EXIT_CODES } from './exit-codes';
import { run, wait } from './run';

const collect = (value: string, previous: string[]) => [...previous, value];

function packageVersion(): string {
  return (JSON.parse(readFileSync(projectFile('package.json'), 'utf8')) as { version: string }).version;
}

function milliseconds(raw: string): number {
  try {
    return parseDurationMs('--timeout', raw);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** Runs a command's action and exits with its code; failures are one `wasmwiz:` line on stderr. */
const exiting =
  <A extends unknown[]>(action: (...args: A) => Promise<number | void>) =>
  async (...args: A) => {
    try {
      process.exitCode = (await action(...args)) ?? 0;
    } catch (error) {
      const known = error instanceof CliError;
      console.error(`wasmwiz: ${known ? error.message : (error as Error).stack}`);
      process.exitCode = known ? error.exitCode : EXIT_CODES.failed;
    }
  };

const program = new Command('wasmwiz')
  .description('Run WebAssembly (WASI) modules on a WasmWiz server as if they ran here')
  .version(packageVersion())
  .enablePositionalOptions()
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_CODES.failed))
  .addHelpText('after', `\nEnvironment: WASMWIZ_URL, WASMWIZ_KEY, WASMWIZ_ADMIN_TOKEN. Exit codes of its own: ${Object.entries(EXIT_CODES).map(([name, code]) => `${code} ${name}`).join(', ')}.`);

program
  .command('run')
  .description("run a module with this process's stdin; its stdout, stderr and exit code become this process's")
  .argument('<module>', 'a local .wasm file, or a stored module: its name (the latest version), name@version or id')
  .argument('[args...]', "the guest's argv[1..] (options of wasmwiz go before the module)")
  .option('-e, --env <NAME=VALUE>', 'an environment variable of the guest (repeatable)', collect, [])
  .option('-f, --file <GUEST=LOCAL>', "a local file placed at GUEST in the guest's directory (repeatable)", collect, [])
  .option('-o, --out-files <glob>', 'files the guest leaves (paths or globs) to write under --output-dir (repeatable)', collect, [])
  .option('--output-dir <dir>', 'where --out-files writes them (created if missing)', '.')
  .option('-t, --timeout <duration>', "a timeout below the tier's: 1500ms, 2s, 2", milliseconds)
  .option('--async', 'queue the run and print its id (see wasmwiz wait)')
  .passThroughOptions()
  .action(exiting(run));

program.command('wait').description('wait for a queued run to end; print and exit as run does').argument('<id>').action(exiting(wait));

const modules = program.command('modules').description("the account's stored modules");
modules
  .command('push')
  .description("store a module; prints its id")
  .argument('<file.wasm>')
  .option('--name <name>', 'default: the file name')
  .option('--description <text>')
  .action(exiting(pushModule));
modules.command('list').description('id, name@version, size and creation time of each module').action(exiting(listModules));
modules.command('rm').description('delete a module').argument('<id>').action(exiting(removeModule));

program
  .command('usage')
  .description("the account's usage over a range (default: the last 24 hours), as JSON")
  .option('--from <time>')
  .option('--to <time>')
  .option('--bucket <hour|day>')
  .action(exiting(usage));

const admin = program.command('admin').description('with WASMWIZ_ADMIN_TOKEN');
admin
  .command('accounts')
  .command('create')
  .description("create an account; prints its id")
  .requiredOption('--name <name>')
  .requiredOption('--tier <tier>')
  .option('--email <email>')
  .action(exiting(createAccount));
admin
  .command('keys')
  .command('create')
  .description('create a key for an account; prints the key (shown this once)')
  .argument('<accountId>')
  .option('--name <name>')
  .option('--scopes <scopes>', 'comma-separated: execute, modules, admin', (value) => value.split(','))
  .action(exiting(createKey));

void program.parseAsync();

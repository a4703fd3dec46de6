import { threadId } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { fileBuffers } from './output-files';
import { createEngine } from './engines';
import { runModule } from './run-module';
import { OutputLayout, SandboxOutcome, SandboxTask } from './protocol';

const engines = new Map<string, ReturnType<typeof createEngine>>();

async function engineFor(name: string) {
  let engine = engines.get(name);
  if (!engine) {
    engine = createEngine(name);
    engines.set(name, engine);
    await engine.ready();
  }
  return engine;
}

/** Piscina task: one module, one fresh instance. The files it brings back are moved to the service, not copied. */
export default async function runSandboxTask(task: SandboxTask): Promise<SandboxOutcome> {
  const engine = await engineFor(task.engine);
  new OutputLayout(task.output).markStarted(threadId);
  const outcome = runModule(engine, task);
  if (outcome.files.length === 0) return outcome;
  return move({ [transferableSymbol]: fileBuffers(outcome.files), [valueSymbol]: outcome } as never) as never;
}

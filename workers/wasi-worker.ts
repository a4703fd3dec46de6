import { threadId } from 'node:worker_threads';
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

/** Piscina task: one module, one fresh instance. */
export default async function runSandboxTask(task: SandboxTask): Promise<SandboxOutcome> {
  const engine = await engineFor(task.engine);
  new OutputLayout(task.output).markStarted(threadId);
  return runModule(engine, task);
}

import type { INestApplication } from '@nestjs/common';
import { ReadinessService } from '../health/readiness.service';
import { ShutdownService } from './shutdown.service';

/**
 * One stop request often arrives as several signals: a terminal's Ctrl-C (or any signal to the
 * process group) reaches both npm and the service, and npm forwards its copy a few milliseconds
 * later. Signals within this time of the first are copies of it; a later one is a deliberate
 * second request, which forces the exit.
 */
export const FORCE_AFTER_MS = 2000;

export interface StopOptions {
  /** Between readiness turning false and the server closing. */
  delayMs: number;
  exit(code: number): void;
  log(line: string): void;
  now(): number;
}

type StoppingApp = Pick<INestApplication, 'get' | 'close'>;

/**
 * SIGTERM/SIGINT: readiness turns false first (load balancers stop sending), then the server stops
 * accepting, answers every in-flight execution, flushes buffered records and closes its pools.
 * A repeated signal does not cut that short; a deliberate later one exits without waiting for the
 * requests in flight, once the records buffered so far are written.
 */
export function stopOnSignals(app: StoppingApp, options: StopOptions, signals: NodeJS.EventEmitter = process): void {
  let firstAt: number | null = null;
  let forced = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstAt === null) {
      firstAt = options.now();
      void stopGracefully(app, options, signal);
    } else if (!forced && options.now() - firstAt >= FORCE_AFTER_MS) {
      forced = true;
      void stopForcibly(app, options, signal);
    }
  };
  signals.on('SIGTERM', onSignal);
  signals.on('SIGINT', onSignal);
}

async function stopGracefully(app: StoppingApp, options: StopOptions, signal: NodeJS.Signals): Promise<void> {
  const seconds = FORCE_AFTER_MS / 1000;
  options.log(`wasmwiz: stopping on ${signal}: finishing the requests in flight (${signal} again after ${seconds} s forces the exit)`);
  app.get(ReadinessService).startDraining();
  await new Promise((resolve) => setTimeout(resolve, options.delayMs));
  try {
    await app.close();
    options.log(`wasmwiz: stopped on ${signal}`);
    options.exit(0);
  } catch (error) {
    options.log(`wasmwiz: shutdown failed: ${(error as Error).message}`);
    options.exit(1);
  }
}

async function stopForcibly(app: StoppingApp, options: StopOptions, signal: NodeJS.Signals): Promise<void> {
  options.log(`wasmwiz: ${signal} again: writing the buffered records, then exiting without waiting for the requests in flight`);
  await app.get(ShutdownService).flushRecords();
  options.exit(1);
}

import { EventEmitter } from 'node:events';
import { ReadinessService } from '../../src/health/readiness.service';
import { ShutdownService } from '../../src/lifecycle/shutdown.service';
import { FORCE_AFTER_MS, stopOnSignals } from '../../src/lifecycle/stop-on-signals';

/** A promise with its resolve at hand, so the test decides when a step of the stop is over. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

/** Runs every step of the stop that can run now (its delay is a timer; the rest are promise callbacks). */
const settle = () => jest.runAllTimersAsync();

function stoppingService() {
  const closed = deferred();
  const flushed = deferred();
  const events: string[] = [];
  const services = new Map<unknown, unknown>([
    [ReadinessService, { startDraining: () => events.push('draining') }],
    [ShutdownService, { flushRecords: () => (events.push('flush'), flushed.promise) }],
  ]);
  const app = {
    get: (token: unknown) => services.get(token),
    close: () => (events.push('close'), closed.promise),
  };
  let now = 1_000_000;
  const signals = new EventEmitter();
  const options = { delayMs: 0, exit: (code: number) => events.push(`exit ${code}`), log: () => undefined, now: () => now };
  stopOnSignals(app as never, options, signals);
  return { signals, events, closed, flushed, advance: (ms: number) => (now += ms) };
}

describe('stopping on signals', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("takes the copies of one Ctrl-C (the terminal's, npm's) as one stop, which runs to its end", async () => {
    const service = stoppingService();
    service.signals.emit('SIGINT', 'SIGINT');
    service.advance(10);
    service.signals.emit('SIGINT', 'SIGINT');
    service.signals.emit('SIGTERM', 'SIGTERM');
    await settle();
    expect(service.events).toEqual(['draining', 'close']);
    service.closed.resolve();
    await settle();
    expect(service.events).toEqual(['draining', 'close', 'exit 0']);
  });

  it('forces the exit on a signal well after the first, only once the buffered records are written', async () => {
    const service = stoppingService();
    service.signals.emit('SIGTERM', 'SIGTERM');
    await settle();
    service.advance(FORCE_AFTER_MS);
    service.signals.emit('SIGTERM', 'SIGTERM');
    service.signals.emit('SIGINT', 'SIGINT');
    await settle();
    expect(service.events).toEqual(['draining', 'close', 'flush']);
    service.flushed.resolve();
    await settle();
    expect(service.events).toEqual(['draining', 'close', 'flush', 'exit 1']);
  });
});

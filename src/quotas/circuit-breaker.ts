export type CircuitState = 'closed' | 'open';

/**
 * Closed: decisions go to Redis. A failure (an error, a timeout, the connection closing) opens
 * it: decisions go to the fallback, and no request waits on Redis. While open, a background
 * probe asks Redis every `probeEveryMs` (and at once on `probeNow()`, e.g. when the connection
 * is ready again); the first success closes it. `onChange` hears each switch once, so it is
 * logged once per outage, however many requests or probes fail meanwhile.
 */
export class CircuitBreaker {
  private state: CircuitState = 'closed';
  private timer: NodeJS.Timeout | null = null;
  private probing = false;
  private stopped = false;

  constructor(
    private readonly probe: () => Promise<unknown>,
    private readonly probeEveryMs: number,
    private readonly onChange: (state: CircuitState, reason?: string) => void,
  ) {}

  get current(): CircuitState {
    return this.state;
  }

  get closed(): boolean {
    return this.state === 'closed';
  }

  failure(reason: string): void {
    if (this.stopped || this.state === 'open') return;
    this.state = 'open';
    this.onChange('open', reason);
    this.schedule();
  }

  /** Probe now rather than at the next tick (no-op while closed or already probing). */
  probeNow(): void {
    if (this.state !== 'open' || this.probing || this.stopped) return;
    this.clearTimer();
    void this.runProbe();
  }

  /** No more probes or transitions (shutdown). */
  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  private schedule(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runProbe();
    }, this.probeEveryMs);
    this.timer.unref();
  }

  private async runProbe(): Promise<void> {
    this.probing = true;
    try {
      await this.probe();
      this.probing = false;
      if (this.stopped || this.state === 'closed') return;
      this.state = 'closed';
      this.onChange('closed');
    } catch {
      this.probing = false;
      this.schedule();
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * Closed: calls go to Redis. A failure opens it: calls go to the fallback, and after `probeAfterMs`
 * one call at a time tries Redis again (half-open); a success closes it. `onChange` hears each
 * transition once, so the switch is logged once, not per request.
 */
export class CircuitBreaker {
  private state: CircuitState = 'closed';
  private openedAt = 0;
  private probing = false;

  constructor(
    private readonly probeAfterMs: number,
    private readonly onChange: (state: CircuitState, reason?: string) => void,
    private readonly clock: () => number = Date.now,
  ) {}

  get current(): CircuitState {
    return this.state;
  }

  /** Whether this call should try the primary. */
  allowPrimary(): boolean {
    if (this.state === 'closed') return true;
    if (this.probing || this.clock() - this.openedAt < this.probeAfterMs) return false;
    this.probing = true;
    this.transition('half-open');
    return true;
  }

  success(): void {
    this.probing = false;
    if (this.state !== 'closed') this.transition('closed');
  }

  failure(reason: string): void {
    this.probing = false;
    this.openedAt = this.clock();
    if (this.state !== 'open') this.transition('open', reason);
  }

  private transition(state: CircuitState, reason?: string): void {
    const previous = this.state;
    this.state = state;
    if (previous !== state) this.onChange(state, reason);
  }
}

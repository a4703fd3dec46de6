import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { KeyPrincipal } from '../access/principal';
import { QuotaBackend } from './quota-backend';
import { QuotaBackends } from './quota-backends.service';
import { QuotaMetrics } from './quota-metrics.service';
import { utcDay } from './gcra';
import { limitsOf, QuotaDecision } from './quota-policy';

/**
 * A taken quota decision and, when allowed, its concurrency lease, given back exactly once; its
 * executions can be given back to the day once, when the request ran nothing.
 */
export class QuotaTicket {
  private released: boolean;
  private refunded: boolean;

  constructor(
    readonly decision: QuotaDecision,
    private readonly service: Pick<QuotaService, 'releaseLease' | 'refund'>,
    private readonly backend: QuotaBackend,
    private readonly accountId: string,
    private readonly leaseId: string,
    private readonly executions: number,
  ) {
    this.released = !decision.allowed;
    this.refunded = !decision.allowed;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.service.releaseLease(this.backend, this.accountId, this.leaseId);
  }

  /** Gives the executions back to the day the decision charged; the decision as it stands after. */
  refund(): QuotaDecision {
    if (this.refunded) return this.decision;
    this.refunded = true;
    this.service.refund(this.backend, this.accountId, utcDay(this.decision.nowMs).day, this.executions);
    const day = this.decision.day;
    return { ...this.decision, day: { ...day, remaining: Math.min(day.limit, day.remaining + this.executions) } };
  }
}

/** Quota decisions for a key's account: every window at once, with a concurrency lease. */
@Injectable()
export class QuotaService {
  constructor(
    private readonly backends: QuotaBackends,
    private readonly metrics: QuotaMetrics,
  ) {}

  get usingRedis(): boolean {
    return this.backends.usingRedis;
  }

  /**
   * Takes one request from the minute and `executions` from the day of the key's account, with a
   * concurrency lease; a day with fewer left refuses them all.
   */
  async take(principal: KeyPrincipal, executions = 1): Promise<QuotaTicket> {
    const leaseId = randomUUID();
    const accountId = principal.account.id;
    const limits = limitsOf(principal.tier, principal.limits.timeoutMs);
    return this.backends.run(async (backend) => {
      const decision = await backend.decide(accountId, limits, leaseId, true, executions);
      this.metrics.decided(backend.name, decision.denied);
      return new QuotaTicket(decision, this, backend, accountId, leaseId, executions);
    });
  }

  /** What is left, without taking anything. */
  async peek(principal: KeyPrincipal): Promise<QuotaDecision> {
    const limits = limitsOf(principal.tier, principal.limits.timeoutMs);
    return this.backends.run((backend) => backend.decide(principal.account.id, limits, 'peek', false));
  }

  releaseLease(backend: QuotaBackend, accountId: string, leaseId: string): void {
    this.backends.releaseLease(backend, accountId, leaseId);
  }

  refund(backend: QuotaBackend, accountId: string, day: number, executions: number): void {
    this.backends.refund(backend, accountId, day, executions);
  }
}

import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { KeyPrincipal } from '../access/principal';
import { QuotaBackend } from './quota-backend';
import { QuotaBackends } from './quota-backends.service';
import { QuotaMetrics } from './quota-metrics.service';
import { limitsOf, QuotaDecision } from './quota-policy';

/** A taken quota decision and, when allowed, its concurrency lease, given back exactly once. */
export class QuotaTicket {
  private released: boolean;

  constructor(
    readonly decision: QuotaDecision,
    private readonly service: Pick<QuotaService, 'releaseLease'>,
    private readonly backend: QuotaBackend,
    private readonly accountId: string,
    private readonly leaseId: string,
  ) {
    this.released = !decision.allowed;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.service.releaseLease(this.backend, this.accountId, this.leaseId);
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
      return new QuotaTicket(decision, this, backend, accountId, leaseId);
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
}

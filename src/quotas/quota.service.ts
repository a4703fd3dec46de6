import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { KeyPrincipal } from '../access/principal';
import { QuotaBackend } from './quota-backend';
import { QuotaBackends } from './quota-backends.service';
import { QuotaMetrics } from './quota-metrics.service';
import { utcDay } from './gcra';
import { KeptLease, LeaseKeeper } from './lease-keeper';
import { LEASE_TTL_MS, leaseLifetimeMs, limitsOf, QuotaDecision } from './quota-policy';

/**
 * A taken quota decision and, when allowed, its concurrency lease; its executions can be given
 * back to the day once, when the request ran nothing.
 */
export class QuotaTicket {
  private refunded: boolean;

  constructor(
    readonly decision: QuotaDecision,
    private readonly service: Pick<QuotaService, 'refund' | 'takeWithoutSlot'>,
    private readonly backend: QuotaBackend,
    private readonly accountId: string,
    readonly executions: number,
    /** The slot the decision took; null when it took none (refused, or taken without one). */
    readonly lease: ConcurrencyLease | null,
  ) {
    this.refunded = !decision.allowed;
  }

  /** Gives the lease back with the account's next decision (or within a few milliseconds). */
  release(): void {
    void this.lease?.release();
  }

  /** Gives the lease back at once; settles once the account can take the slot again. */
  releaseNow(): Promise<void> {
    return this.lease?.release(true) ?? Promise.resolve();
  }

  /** The same request's minute and executions taken again without a slot, for a run that is queued (see QuotaService.takeWithoutSlot). */
  withoutSlot(principal: KeyPrincipal): Promise<QuotaTicket> {
    return this.service.takeWithoutSlot(principal, this.executions);
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

/**
 * One concurrency slot of an account, held as a lease with a short expiry (LEASE_TTL_MS) that
 * the process's LeaseKeeper renews for up to the lease's lifetime (its run's timeout and a
 * margin); given back exactly once. A holder that may need it longer renews it itself, which
 * also renews its lifetime: a body sent slowly (up to REQUEST_TIMEOUT), or a batch lane's many
 * runs, would otherwise go on after the slot lapsed and another run took it.
 */
export class ConcurrencyLease implements KeptLease {
  private released = false;
  private takenAtMs = Date.now();
  private keptUntilMs: number;

  constructor(
    private readonly service: Pick<QuotaService, 'releaseLease' | 'renewLease' | 'forgetLease'>,
    private readonly backend: QuotaBackend,
    private readonly accountId: string,
    readonly leaseId: string,
    private readonly maxConcurrency: number,
    private readonly lifetimeMs: number,
  ) {
    this.keptUntilMs = this.takenAtMs + lifetimeMs;
  }

  /**
   * Settles once the slot is free for the account's next run (never rejects): with its next
   * decision or within a few milliseconds, or at once with `now` (a run elsewhere waits for it).
   */
  release(now = false): Promise<void> {
    if (this.released) return Promise.resolve();
    this.released = true;
    this.service.forgetLease(this);
    return this.service.releaseLease(this.backend, this.accountId, this.leaseId, now);
  }

  /** Half its expiry has passed since it was taken or renewed. */
  outlived(): boolean {
    return !this.released && Date.now() - this.takenAtMs >= LEASE_TTL_MS / 2;
  }

  pastLifetime(nowMs: number): boolean {
    return this.released || nowMs > this.keptUntilMs;
  }

  /** Taken again by its holder, its expiry and its lifetime renewed; false when the slot is gone (it lapsed and was taken). */
  async renew(): Promise<boolean> {
    const renewed = await this.refresh();
    if (renewed && !this.released) this.keptUntilMs = Date.now() + this.lifetimeMs;
    return renewed;
  }

  /** Its expiry renewed (by the keeper), its lifetime as it was. */
  async refresh(): Promise<boolean> {
    if (this.released) return true;
    const renewed = await this.service.renewLease(this.backend, this.accountId, this.leaseId, this.maxConcurrency, LEASE_TTL_MS);
    if (renewed) this.takenAtMs = Date.now();
    return renewed;
  }
}

/** Quota decisions for a key's account: every window at once, with a concurrency lease. */
@Injectable()
export class QuotaService implements OnModuleDestroy {
  private readonly keeper = new LeaseKeeper();

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
  take(principal: KeyPrincipal, executions = 1): Promise<QuotaTicket> {
    return this.decideTaking(principal, executions, true);
  }

  /**
   * One of the account's `maxConcurrency` slots for a run no request's decision covers (an async
   * run on an executor, a batch's further lanes), held for at most the run's timeout and a margin;
   * null when all are taken. `leaseId` names the run, so a retried job re-takes its own.
   */
  async lease(accountId: string, maxConcurrency: number, timeoutMs: number, leaseId: string): Promise<ConcurrencyLease | null> {
    return this.backends.run(async (backend) => {
      const taken = await backend.lease(accountId, maxConcurrency, leaseId, LEASE_TTL_MS);
      return taken ? this.kept(new ConcurrencyLease(this, backend, accountId, leaseId, maxConcurrency, leaseLifetimeMs(timeoutMs))) : null;
    });
  }

  /**
   * The minute and `executions` from the day without a concurrency slot: for a run that is
   * queued (its executor takes a slot when it starts it). Refused only by the minute or the day.
   */
  takeWithoutSlot(principal: KeyPrincipal, executions = 1): Promise<QuotaTicket> {
    return this.decideTaking(principal, executions, false);
  }

  private async decideTaking(principal: KeyPrincipal, executions: number, withSlot: boolean): Promise<QuotaTicket> {
    const leaseId = withSlot ? randomUUID() : 'none';
    const accountId = principal.account.id;
    const limits = limitsOf(principal.tier);
    return this.backends.run(async (backend) => {
      const decision = await backend.decide(accountId, limits, leaseId, true, executions, withSlot);
      this.metrics.decided(backend.name, decision.denied);
      const lease = withSlot && decision.allowed ? this.kept(new ConcurrencyLease(this, backend, accountId, leaseId, limits.maxConcurrency, leaseLifetimeMs(principal.limits.timeoutMs))) : null;
      return new QuotaTicket(decision, this, backend, accountId, executions, lease);
    });
  }

  /** What is left, without taking anything. */
  async peek(principal: KeyPrincipal): Promise<QuotaDecision> {
    return this.backends.run((backend) => backend.decide(principal.account.id, limitsOf(principal.tier), 'peek', false));
  }

  /** Takes a held lease again under its id (renewing its expiry); false once it lapsed and its slot was taken. A backend that fails keeps it as it is. */
  async renewLease(backend: QuotaBackend, accountId: string, leaseId: string, maxConcurrency: number, ttlMs: number): Promise<boolean> {
    return backend.lease(accountId, maxConcurrency, leaseId, ttlMs).catch(() => true);
  }

  forgetLease(lease: ConcurrencyLease): void {
    this.keeper.forget(lease);
  }

  onModuleDestroy(): void {
    this.keeper.stop();
  }

  private kept(lease: ConcurrencyLease): ConcurrencyLease {
    this.keeper.keep(lease);
    return lease;
  }

  /** `now`: at once, rather than with the account's next decision (a slot another process is about to ask for). */
  releaseLease(backend: QuotaBackend, accountId: string, leaseId: string, now = false): Promise<void> {
    return this.backends.releaseLease(backend, accountId, leaseId, now);
  }

  refund(backend: QuotaBackend, accountId: string, day: number, executions: number): void {
    this.backends.refund(backend, accountId, day, executions);
  }

  /**
   * Gives back `executions` charged on `chargedAtMs`'s day by whatever process took them (a queued
   * batch's, charged by the API process that accepted it), through the backend in use now.
   */
  refundCharged(accountId: string, chargedAtMs: number, executions: number): Promise<void> {
    if (executions <= 0) return Promise.resolve();
    return this.backends.run((backend) => backend.refund(accountId, utcDay(chargedAtMs).day, executions));
  }
}

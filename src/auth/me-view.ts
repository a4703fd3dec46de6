import { ApiProperty } from '@nestjs/swagger';
import { AccountView } from '../accounts/account-views';
import { ApiInteger } from '../http/api-properties';
import { ExecutionLimitsView, type LimitName, type LimitSource, LimitSourcesView, TierView } from '../tiers/effective-limits';
import type { ExecutionLimits } from '../common/limits';
import { KeyView } from './key-views';

export class QuotaWindow {
  @ApiInteger() limit: number;
  @ApiInteger({ minimum: 0 }) remaining: number;
  @ApiInteger({ minimum: 0, description: 'Milliseconds until the window is whole again' }) resetMs: number;
}

export class ConcurrencyQuota {
  @ApiInteger() limit: number;
  @ApiInteger({ minimum: 0, description: 'Executions of the account running now' }) inFlight: number;
}

export class QuotaLeft {
  @ApiProperty({ type: QuotaWindow, description: 'Requests per minute' }) minute: QuotaWindow;
  @ApiProperty({ type: QuotaWindow, description: 'Executions per calendar day (UTC)' }) day: QuotaWindow;
  @ApiProperty({ type: ConcurrencyQuota }) concurrency: ConcurrencyQuota;
  @ApiProperty({ enum: ['redis', 'memory'], description: 'Where the limits are decided: memory while Redis is away (or without REDIS_URL)' })
  backend: 'redis' | 'memory';
}

/** GET /api/v1/me: the calling key, its account, its tier, the limits runs actually get and the quota left. */
export class MeView {
  @ApiProperty({ type: KeyView }) key: KeyView;
  @ApiProperty({ type: AccountView }) account: AccountView;
  @ApiProperty({ type: TierView }) tier: TierView;
  @ApiProperty({ type: ExecutionLimitsView, description: "The tier's limits under the server-wide ceilings: what runs get, and what a 413 names" }) limits: ExecutionLimits;
  @ApiProperty({ type: LimitSourcesView, description: "What sets each of `limits`: the tier, or the server's ceiling (MAX_WASM_SIZE, MAX_INPUT_SIZE, EXECUTION_TIMEOUT, MEMORY_LIMIT, MAX_OUTPUT_SIZE) below it" })
  limitSources: Record<LimitName, LimitSource>;
  @ApiProperty({ type: QuotaLeft }) quota: QuotaLeft;
}

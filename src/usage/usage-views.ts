import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiDateTime, ApiInteger } from '../http/api-properties';
import { UsageFigures } from './usage-figures';

export const USAGE_BUCKETS = ['hour', 'day'] as const;
export type UsageBucket = (typeof USAGE_BUCKETS)[number];

export class UsageInterval extends UsageFigures {
  @ApiDateTime({ description: 'Start of the hour or day (UTC)' }) start: Date;
}

export class KeyUsage extends UsageFigures {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) keyId: string | null;
}

export class UsageReport {
  @ApiDateTime() from: Date;
  @ApiDateTime() to: Date;
  @ApiProperty({ enum: USAGE_BUCKETS, enumName: 'UsageBucket' }) bucket: UsageBucket;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The key the report is limited to, if any' }) keyId: string | null;
  @ApiProperty({ type: UsageFigures }) totals: UsageFigures;
  @ApiProperty({ type: [UsageInterval], description: 'The buckets that had executions, oldest first' }) series: UsageInterval[];
  @ApiPropertyOptional({ type: [KeyUsage], description: 'With `groupBy=key`: the totals per key, busiest first' }) byKey?: KeyUsage[];
}

export class AccountActivity {
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiProperty({ type: String, nullable: true, description: 'null once the account is gone' }) name: string | null;
  @ApiProperty({ type: String, nullable: true }) tier: string | null;
  @ApiInteger() executions: number;
  @ApiInteger() totalDurationMs: number;
}

export class KeyActivity {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) keyId: string | null;
  @ApiProperty({ type: String, nullable: true }) prefix: string | null;
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiInteger() executions: number;
}

/** Admin: usage across accounts. */
export class UsageOverview {
  @ApiDateTime() from: Date;
  @ApiDateTime() to: Date;
  @ApiProperty({ type: UsageFigures }) totals: UsageFigures;
  @ApiProperty({ type: [AccountActivity], description: 'Busiest first' }) topAccounts: AccountActivity[];
  @ApiProperty({ type: [KeyActivity], description: 'Busiest first' }) topKeys: KeyActivity[];
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { TimestampField } from '../http/field-rules';
import { ApiOptionalDateTime } from '../http/api-properties';
import { USAGE_BUCKETS, type UsageBucket } from './usage-views';

export class UsageQuery {
  @ApiOptionalDateTime({ description: 'Default: 24 hours before `to`' })
  @IsOptional() @TimestampField() from?: Date;

  @ApiOptionalDateTime({ description: 'Default: now' })
  @IsOptional() @TimestampField() to?: Date;

  @ApiPropertyOptional({ enum: USAGE_BUCKETS, enumName: 'UsageBucket', default: 'hour', description: 'The size of a `series` interval' })
  @IsOptional() @IsIn(USAGE_BUCKETS) bucket: UsageBucket = 'hour';

  @ApiPropertyOptional({ format: 'uuid', description: "Only this key's executions" })
  @IsOptional() @IsUUID() keyId?: string;

  @ApiPropertyOptional({ enum: ['key'], description: '`key`: also break the totals down per key (`byKey`)' })
  @IsOptional() @IsIn(['key']) groupBy?: 'key';
}

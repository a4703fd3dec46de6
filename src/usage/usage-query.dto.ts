import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { TimestampField } from '../http/field-rules';

export class UsageQuery {
  /** Default: 24 hours before `to`. */
  @IsOptional() @TimestampField() from?: Date;
  /** Default: now. */
  @IsOptional() @TimestampField() to?: Date;
  @IsOptional() @IsIn(['hour', 'day']) bucket: 'hour' | 'day' = 'hour';
  /** Only this key's executions. */
  @IsOptional() @IsUUID() keyId?: string;
  /** `key`: also break the totals down per key. */
  @IsOptional() @IsIn(['key']) groupBy?: 'key';
}

import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsUUID } from 'class-validator';

export class UsageQuery {
  /** Default: 24 hours before `to`. */
  @IsOptional() @Type(() => Date) @IsDate() from?: Date;
  /** Default: now. */
  @IsOptional() @Type(() => Date) @IsDate() to?: Date;
  @IsOptional() @IsIn(['hour', 'day']) bucket: 'hour' | 'day' = 'hour';
  /** Only this key's executions. */
  @IsOptional() @IsUUID() keyId?: string;
  /** `key`: also break the totals down per key. */
  @IsOptional() @IsIn(['key']) groupBy?: 'key';
}

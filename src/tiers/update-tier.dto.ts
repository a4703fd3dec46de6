import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiOptionalInteger } from '../openapi/properties';

const MAX_INT = 2_147_483_647;
const MIN_MEMORY_BYTES = 65536;
const MAX_CONCURRENCY = 10_000;
const positive = { minimum: 1, maximum: MAX_INT };

/** Any of a tier's limits (at least one); sizes in bytes, times in milliseconds. */
export class UpdateTierDto {
  @ApiOptionalInteger(positive) @IsOptional() @IsInt() @Min(1) @Max(MAX_INT) requestsPerMinute?: number;
  @ApiOptionalInteger(positive) @IsOptional() @IsInt() @Min(1) @Max(MAX_INT) executionsPerDay?: number;
  @ApiOptionalInteger(positive) @IsOptional() @IsInt() @Min(1) @Max(MAX_INT) maxModuleBytes?: number;
  @ApiOptionalInteger({ minimum: 0, maximum: MAX_INT }) @IsOptional() @IsInt() @Min(0) @Max(MAX_INT) maxInputBytes?: number;
  @ApiOptionalInteger({ minimum: MIN_MEMORY_BYTES, maximum: MAX_INT })
  @IsOptional() @IsInt() @Min(MIN_MEMORY_BYTES) @Max(MAX_INT) memoryLimitBytes?: number;
  @ApiOptionalInteger(positive) @IsOptional() @IsInt() @Min(1) @Max(MAX_INT) timeoutMs?: number;
  @ApiOptionalInteger(positive) @IsOptional() @IsInt() @Min(1) @Max(MAX_INT) maxOutputBytes?: number;
  @ApiOptionalInteger({ minimum: 1, maximum: MAX_CONCURRENCY }) @IsOptional() @IsInt() @Min(1) @Max(MAX_CONCURRENCY) maxConcurrency?: number;
}

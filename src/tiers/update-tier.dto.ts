import { IsInt, IsOptional, Max, Min } from 'class-validator';

const MAX_INT = 2_147_483_647;

/** Any of a tier's limits; sizes in bytes, times in milliseconds. */
export class UpdateTierDto {
  @IsOptional() @IsInt() @Min(1) @Max(MAX_INT) requestsPerMinute?: number;
  @IsOptional() @IsInt() @Min(1) @Max(MAX_INT) executionsPerDay?: number;
  @IsOptional() @IsInt() @Min(1) @Max(MAX_INT) maxModuleBytes?: number;
  @IsOptional() @IsInt() @Min(0) @Max(MAX_INT) maxInputBytes?: number;
  @IsOptional() @IsInt() @Min(65536) @Max(MAX_INT) memoryLimitBytes?: number;
  @IsOptional() @IsInt() @Min(1) @Max(MAX_INT) timeoutMs?: number;
  @IsOptional() @IsInt() @Min(1) @Max(MAX_INT) maxOutputBytes?: number;
  @IsOptional() @IsInt() @Min(1) @Max(10_000) maxConcurrency?: number;
}

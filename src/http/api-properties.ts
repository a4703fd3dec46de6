import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { limitSpec, type TierLimitName } from '../common/limits';

/** A Date, sent as an ISO 8601 string. */
export const ApiDateTime = (options: ApiPropertyOptions = {}) => ApiProperty({ type: String, format: 'date-time', ...options } as ApiPropertyOptions);
export const ApiOptionalDateTime = (options: ApiPropertyOptions = {}) =>
  ApiPropertyOptional({ type: String, format: 'date-time', ...options } as ApiPropertyOptions);

/** A whole number (TypeScript's `number` alone would be documented as any number). */
export const ApiInteger = (options: ApiPropertyOptions = {}) => ApiProperty({ type: 'integer', ...options } as ApiPropertyOptions);
export const ApiOptionalInteger = (options: ApiPropertyOptions = {}) => ApiPropertyOptional({ type: 'integer', ...options } as ApiPropertyOptions);

/** Documents each of `names` on the class `target` as an integer, described as TIER_LIMITS describes it. */
export function documentLimits(target: { prototype: object }, names: readonly TierLimitName[]): void {
  for (const name of names) ApiInteger({ description: limitSpec(name).description })(target.prototype, name);
}

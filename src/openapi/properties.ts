import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';

/** A Date, sent as an ISO 8601 string. */
export const ApiDateTime = (options: ApiPropertyOptions = {}) => ApiProperty({ type: String, format: 'date-time', ...options } as ApiPropertyOptions);
export const ApiOptionalDateTime = (options: ApiPropertyOptions = {}) =>
  ApiPropertyOptional({ type: String, format: 'date-time', ...options } as ApiPropertyOptions);

/** A whole number (TypeScript's `number` alone would be documented as any number). */
export const ApiInteger = (options: ApiPropertyOptions = {}) => ApiProperty({ type: 'integer', ...options } as ApiPropertyOptions);
export const ApiOptionalInteger = (options: ApiPropertyOptions = {}) => ApiPropertyOptional({ type: 'integer', ...options } as ApiPropertyOptions);

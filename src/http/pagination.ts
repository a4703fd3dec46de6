import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { ApiOptionalInteger } from '../openapi/properties';

export const PAGE_SIZE = { default: 50, max: 200 };

/** A count the caller may choose, up to `max`: items per page unless said otherwise. */
export const PageLimit = (max = PAGE_SIZE.max, byDefault = PAGE_SIZE.default, description = 'Items per page') =>
  applyDecorators(
    ApiOptionalInteger({ minimum: 1, maximum: max, default: byDefault, description }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(max),
  );

export class PageQuery {
  @PageLimit() limit = PAGE_SIZE.default;

  @ApiOptionalInteger({ minimum: 0, default: 0, description: 'Items to skip' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset = 0;
}

/** Keyset pages (see cursor.ts): newest first, each page after the `cursor` of the one before. */
export class CursorPageQuery {
  @PageLimit() limit = PAGE_SIZE.default;

  @ApiPropertyOptional({ description: '`nextCursor` of the previous page' })
  @IsOptional() @IsString() cursor?: string;
}

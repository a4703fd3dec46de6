import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { ApiOptionalInteger } from '../openapi/properties';
import { IntegerField, TextField } from './field-rules';

export const PAGE_SIZE = { default: 50, max: 200 };

/** A count the caller may choose, up to `max`: items per page unless said otherwise. */
export const PageLimit = (max = PAGE_SIZE.max, byDefault = PAGE_SIZE.default, description = 'Items per page') =>
  applyDecorators(
    ApiOptionalInteger({ minimum: 1, maximum: max, default: byDefault, description }),
    IsOptional(),
    IntegerField(1, max),
  );

export class PageQuery {
  @PageLimit() limit = PAGE_SIZE.default;

  @ApiOptionalInteger({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0, description: 'Items to skip' })
  @IsOptional() @IntegerField(0) offset = 0;
}

/** Keyset pages (see cursor.ts): newest first, each page after the `cursor` of the one before. */
export class CursorPageQuery {
  @PageLimit() limit = PAGE_SIZE.default;

  @ApiPropertyOptional({ description: '`nextCursor` of the previous page' })
  @IsOptional() @TextField() cursor?: string;
}

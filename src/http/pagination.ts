import { applyDecorators, Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { ApiOptionalInteger } from './api-properties';
import { IntegerField, TextField } from './field-rules';

export const PAGE_SIZE = { default: 50, max: 200 };

/** A count the caller may choose, up to `max`: items per page unless said otherwise. */
export const PageLimit = (max = PAGE_SIZE.max, byDefault = PAGE_SIZE.default, description = 'Items per page') =>
  applyDecorators(
    ApiOptionalInteger({ minimum: 1, maximum: max, default: byDefault, description }),
    IsOptional(),
    IntegerField(1, max),
  );

/** `?limit&cursor` with a page size of its own: keyset pages (see cursor.ts), each after the `cursor` of the one before. */
export function CursorPageQueryOf(max: number, byDefault: number): Type<{ limit: number; cursor?: string }> {
  class SizedCursorPageQuery {
    @PageLimit(max, byDefault) limit = byDefault;

    @ApiPropertyOptional({ description: '`nextCursor` of the previous page' })
    @IsOptional() @TextField() cursor?: string;
  }
  return SizedCursorPageQuery;
}

/** The one query of every list: newest first, `limit` items a page, each after the `cursor` of the one before. */
export class CursorPageQuery extends CursorPageQueryOf(PAGE_SIZE.max, PAGE_SIZE.default) {}

/** The one answer of every list: `{ items, nextCursor }`, described for `item`. */
export function CursorPage<T>(item: Type<T>): Type<{ items: T[]; nextCursor: string | null }> {
  class Page {
    @ApiProperty({ type: [item] }) items: T[];

    @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last one' })
    nextCursor: string | null;
  }
  return Page;
}

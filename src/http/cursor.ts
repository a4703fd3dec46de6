import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { parseTimestamp } from './field-rules';
import { problem } from './problem';
import { UUID } from './uuid-param.pipe';

/** Keyset pagination over (created_at, id), newest first: the cursor names the last row seen. */
export interface CursorPosition {
  at: string;
  id: string;
}

/** What every list answers: a page, and the cursor of the next one (null on the last). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Bigint ids (the audit log's), at most 18 digits so that any that passes fits a bigint. */
export const SERIAL_ID = /^[0-9]{1,18}$/;

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

/** `ids` is the shape of the listed rows' ids: a cursor of another list is refused, not looked up. */
export function decodeCursor(cursor: string | undefined, ids: RegExp = UUID): CursorPosition | null {
  if (!cursor) return null;
  const [rawAt, id, ...rest] = Buffer.from(cursor, 'base64url').toString().split('|');
  const at = parseTimestamp(rawAt);
  if (!at || !id || !ids.test(id) || rest.length > 0) {
    throw problem('invalid_cursor', 'The `cursor` is not one this API gave out: pass `nextCursor` of the previous page', {
      field: 'cursor',
    });
  }
  return { at: at.toISOString(), id };
}

/** Splits the `limit + 1` rows a query fetched into a page and the cursor of the next one. */
export function pageOf<T extends { createdAt: Date; id: string }>(rows: T[], limit: number): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

/**
 * One page of `query` (its filters applied), newest first by (created_at, id). The cursor's row
 * gives the position to the microsecond a Date cannot hold, but only within the cursor's own
 * millisecond: a forged cursor naming another account's row with any other time learns nothing
 * of when that row was made. The cursor's own time stands in for a row deleted since.
 */
export async function keysetPage<T extends ObjectLiteral & { createdAt: Date; id: string }>(
  query: SelectQueryBuilder<T>,
  page: { limit: number; cursor?: string },
  ids: RegExp = UUID,
): Promise<{ page: T[]; nextCursor: string | null }> {
  const alias = query.alias;
  const table = query.escape(query.expressionMap.mainAlias!.metadata.tableName);
  query.orderBy(`${alias}.created_at`, 'DESC').addOrderBy(`${alias}.id`, 'DESC').limit(page.limit + 1);
  const after = decodeCursor(page.cursor, ids);
  if (after) {
    const sameMillisecond = `seen.created_at >= :cursorAt AND seen.created_at < CAST(:cursorAt AS timestamptz) + interval '1 millisecond'`;
    const at = `COALESCE((SELECT seen.created_at FROM ${table} seen WHERE seen.id = :cursorId AND ${sameMillisecond}), :cursorAt)`;
    query.andWhere(`(${alias}.created_at, ${alias}.id) < (${at}, :cursorId)`, { cursorAt: after.at, cursorId: after.id });
  }
  return pageOf(await query.getMany(), page.limit);
}

import { parseTimestamp } from './field-rules';
import { problem } from './problem';
import { UUID } from './uuid-param.pipe';

/** Keyset pagination over (created_at, id), newest first: the cursor names the last row seen. */
export interface CursorPosition {
  at: string;
  id: string;
}

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorPosition | null {
  if (!cursor) return null;
  const [rawAt, id, ...rest] = Buffer.from(cursor, 'base64url').toString().split('|');
  const at = parseTimestamp(rawAt);
  if (!at || !id || !UUID.test(id) || rest.length > 0) {
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

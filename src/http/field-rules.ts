import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { IsDate, IsInt, isISO8601, IsString, Max, Min, ValidateBy } from 'class-validator';

/**
 * The rules every request field of one kind follows, defined once: what reaches PostgreSQL must
 * be something it can hold, or the client gets a 400 naming the field instead of a 500 from the
 * query.
 */

/**
 * RFC 3339's years. JavaScript dates reach back to 271821 BC and PostgreSQL's only to 4713 BC;
 * nothing this service keeps is older than year 1 or newer than 9999.
 */
export const EARLIEST_TIMESTAMP = new Date('0001-01-01T00:00:00.000Z');
export const LATEST_TIMESTAMP = new Date('9999-12-31T23:59:59.999Z');

/**
 * An ISO 8601 date-time inside the range above, or null. (validator's `strict` calendar check is
 * not used: it reads years below 100 as 19xx and refuses them; V8 rolls 02-30 over to March.)
 */
export function parseTimestamp(raw: unknown): Date | null {
  if (typeof raw !== 'string' || !isISO8601(raw)) return null;
  const at = new Date(raw);
  return at >= EARLIEST_TIMESTAMP && at <= LATEST_TIMESTAMP ? at : null;
}

const TIMESTAMP_MESSAGE = `$property must be an ISO 8601 date-time between ${EARLIEST_TIMESTAMP.toISOString()} and ${LATEST_TIMESTAMP.toISOString()}, e.g. 2025-01-31T12:00:00Z`;

/**
 * A date-time given as an ISO 8601 string (a query parameter, or a string in a JSON body). Other
 * types stay as they came and fail: `true` or a number are not dates, and V8's lenient parsing
 * would read "1" as 2001.
 */
export const TimestampField = () =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? (parseTimestamp(value) ?? value) : value)),
    IsDate({ message: TIMESTAMP_MESSAGE }),
  );

/**
 * An integer query parameter. `1e30` is an integer to JavaScript, but not a number PostgreSQL
 * takes for a bigint or an OFFSET: every one has an upper bound, at most the largest integer a
 * double holds exactly.
 */
export const IntegerField = (min: number, max: number = Number.MAX_SAFE_INTEGER) =>
  applyDecorators(Type(() => Number), IsInt(), Min(min), Max(max));

/**
 * What PostgreSQL cannot store: U+0000 in text, and in jsonb (the audit log's details) a UTF-16
 * surrogate without its pair, which only a JSON escape such as "\ud800" can make.
 */
const UNSTORABLE = /[\u0000\p{Cs}]/u;

export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

export const UNSTORABLE_MESSAGE = 'must not contain NUL (U+0000) characters or unpaired UTF-16 surrogates';

/** `text` with what PostgreSQL cannot store replaced by U+FFFD, for text the service writes itself. */
export function storableText(text: string): string {
  return text.replace(new RegExp(UNSTORABLE.source, 'gu'), '\ufffd');
}

/** A string that is stored or looked up in the database. */
export const TextField = () =>
  applyDecorators(
    IsString(),
    ValidateBy({
      name: 'isStorableText',
      validator: {
        validate: (value) => typeof value === 'string' && isStorableText(value),
        defaultMessage: (args) => `${args?.property} ${UNSTORABLE_MESSAGE}`,
      },
    }),
  );

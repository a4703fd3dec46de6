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
 * An ISO 8601 date-time inside the range above, on a day the calendar has, or null. (validator's
 * `strict` calendar check is not used: it reads years below 100 as 19xx and refuses them; and V8
 * rolls 2026-02-30 over to March 2, so the day is checked against its month here.)
 */
export function parseTimestamp(raw: unknown): Date | null {
  if (typeof raw !== 'string' || !isISO8601(raw) || !onTheCalendar(raw)) return null;
  const at = new Date(raw);
  return at >= EARLIEST_TIMESTAMP && at <= LATEST_TIMESTAMP ? at : null;
}

/** The year, month and day of a calendar date (`2026-02-30`): the form of ISO 8601 that V8 reads. */
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})(?![0-9])/;

function onTheCalendar(raw: string): boolean {
  const date = CALENDAR_DATE.exec(raw);
  if (!date) return true;
  const [year, month, day] = date.slice(1).map(Number);
  // Day 0 of the next month is the last of this one; Date.UTC reads years 0-99 as 19xx, which share their leap years with 0-99 every 400 years.
  const daysInMonth = new Date(Date.UTC(2000 + (year % 400), month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth;
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

/**
 * Whether `value` is text UTF-8 can carry as it is: no unpaired surrogate (a JSON escape such as
 * "\ud800"), which would become U+FFFD, silently. V8's own check, far faster than a regex on a
 * megabyte of stdin.
 */
export function isUtf8Text(value: string): boolean {
  return (value as string & { isWellFormed(): boolean }).isWellFormed();
}

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

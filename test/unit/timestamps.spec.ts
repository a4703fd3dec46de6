import { parseTimestamp } from '../../src/http/field-rules';

describe('timestamps a request may give', () => {
  it('takes ISO 8601 date-times on days the calendar has, leap days included', () => {
    for (const raw of ['2026-02-28T23:59:59Z', '2028-02-29T00:00:00Z', '2000-02-29T12:00:00+02:00', '0004-02-29T00:00:00Z', '2026-12-31']) {
      expect(parseTimestamp(raw)).toBeInstanceOf(Date);
    }
    expect(parseTimestamp('2026-03-01T00:30:00+01:00')!.toISOString()).toBe('2026-02-28T23:30:00.000Z');
  });

  it('refuses days a month does not have instead of rolling them over', () => {
    for (const raw of ['2026-02-30T00:00:00Z', '2025-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-13-01T00:00:00Z', '2026-02-00T00:00:00Z']) {
      expect(parseTimestamp(raw)).toBeNull();
    }
  });
});

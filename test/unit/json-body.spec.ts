import { firstInvalidByte } from '../../src/http/json-body';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));

describe('where a JSON body stops being UTF-8', () => {
  test.each([
    ['a sequence cut short at the end', bytes('{"stdin":"x"}', [0xef, 0xbf]), 13],
    ['a sequence cut short by ASCII (it was named 2 bytes later)', bytes('{"stdin":"', [0xef, 0xbf, 0x41], '"}'), 10],
    ['a byte no UTF-8 has', bytes('{"stdin":"', [0xff, 0xfe], '"}'), 10],
    ['an encoded surrogate', bytes([0xed, 0xa0, 0x80]), 0],
    ['an overlong NUL', bytes([0xc0, 0x80]), 0],
    ['past U+10FFFF', bytes('ab', [0xf4, 0x90, 0x80, 0x80]), 2],
    ['a stray continuation byte', bytes('é', [0x80]), 2],
  ])('%s', (_name, body, at) => {
    expect(firstInvalidByte(body)).toBe(at);
  });

  test('is past the end for text that is UTF-8 throughout', () => {
    const text = Buffer.from('héllo € 𝄞 \u{10FFFF}');
    expect(firstInvalidByte(text)).toBe(text.length);
  });
});

// The page's pure helpers (public/js), run in Node: what the console reads from its text boxes and
// the rate-limit headers, and how it formats figures.

// Plain JavaScript without types, made CommonJS for jest by babel (test/jest.config.js).
const { quotaFromHeaders } = require('../../public/js/api.js');
const {
  base64FromBytes, base64Size, baseName, bytes, bytesFromBase64, lines, ms, parseEnv, parseOutputFiles, pollDelay, quotaLines, relativeTime, streamSize, summaryOf,
} = require('../../public/js/format.js');

describe("the page's helpers", () => {
  it('reads every window of the IETF RateLimit headers, with their limits', () => {
    const headers = new Headers({ ratelimit: '"minute";r=299;t=60, "day";r=19996;t=86400', 'ratelimit-policy': '"minute";q=300;w=60, "day";q=20000;w=86400' });
    expect(quotaFromHeaders(headers)).toEqual([
      { name: 'minute', remaining: 299, resetSeconds: 60, limit: 300 },
      { name: 'day', remaining: 19996, resetSeconds: 86400, limit: 20000 },
    ]);
    expect(quotaLines(quotaFromHeaders(headers))).toEqual(['299 of 300 this minute', '19,996 of 20,000 today']);
  });

  it('falls back to the X-RateLimit trio, and to nothing without headers', () => {
    const headers = new Headers({ 'x-ratelimit-remaining': '9', 'x-ratelimit-limit': '10' });
    expect(quotaFromHeaders(headers)).toEqual([{ name: 'window', remaining: 9, limit: 10, resetSeconds: null }]);
    expect(quotaLines(quotaFromHeaders(headers))).toEqual(['9 of 10 in this window']);
    expect(quotaFromHeaders(new Headers())).toEqual([]);
  });

  it('parses NAME=value lines, keeping = in values and refusing a line without a name, naming it', () => {
    expect(parseEnv('A=1\r\n\nB = x=y\nEMPTY=')).toEqual({ A: '1', B: ' x=y', EMPTY: '' });
    expect(() => parseEnv('A=1\n=2')).toThrow('Line 2 ("=2") is not NAME=value.');
    expect(() => parseEnv('justtext')).toThrow(expect.objectContaining({ status: null, problem: expect.objectContaining({ title: 'Check the environment' }) }));
  });

  it('reads output file patterns one a line, refusing absolute paths and ..', () => {
    expect(parseOutputFiles(' out.wav \n\ndist/**/*.js\n')).toEqual(['out.wav', 'dist/**/*.js']);
    expect(() => parseOutputFiles('ok\n/etc/passwd')).toThrow('Line 2 ("/etc/passwd")');
    expect(() => parseOutputFiles('a/../../b')).toThrow('without ".."');
    expect(lines('a\r\n \nb')).toEqual(['a', 'b']);
  });

  it('encodes and decodes base64 of any bytes and sizes it without decoding', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const big = new Uint8Array(100_000).fill(7);
    expect(base64FromBytes(all)).toBe(Buffer.from(all).toString('base64'));
    expect(base64FromBytes(big)).toBe(Buffer.from(big).toString('base64'));
    expect(bytesFromBase64(base64FromBytes(all))).toEqual(all);
    for (const n of [0, 1, 2, 3, 4]) expect(base64Size(Buffer.alloc(n).toString('base64'))).toBe(n);
    expect(streamSize('héllo', 'utf8')).toBe(6);
    expect(streamSize('AAEC', 'base64')).toBe(3);
  });

  it('formats sizes, durations, times and statuses', () => {
    expect([bytes(0), bytes(1536), bytes(128 * 1024 * 1024), bytes(null)]).toEqual(['0 B', '1.5 KiB', '128 MiB', '—']);
    expect([ms(1.234), ms(42.42), ms(420), ms(2500), ms(12_345), ms(undefined)]).toEqual(['1.23 ms', '42.4 ms', '420 ms', '2.50 s', '12.3 s', '—']);
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect([relativeTime(now - 10_000, now), relativeTime(now - 180_000, now), relativeTime(now - 7_200_000, now), relativeTime(now + 3 * 86_400_000, now)])
      .toEqual(['just now', '3 min ago', '2 h ago', 'in 3 d']);
    expect(summaryOf({ status: 'exit_error', exitCode: 3 })).toBe('The module exited with code 3.');
    expect(summaryOf({ status: 'time_limit_exceeded', limits: { timeoutMs: 2000 } })).toBe('Stopped: the run went past the time limit of 2.00 s.');
    expect(summaryOf({ status: 'time_limit_exceeded' })).toBe('Stopped: the run went past the time limit.');
    expect(summaryOf({ status: 'something new' })).toBe('');
    expect(baseName('dist/js/app.js')).toBe('app.js');
  });

  it('polls an async run quickly at first, then at most once a second', () => {
    expect([0, 1, 2, 3, 10].map(pollDelay)).toEqual([150, 300, 600, 1000, 1000]);
  });
});

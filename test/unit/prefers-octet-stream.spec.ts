import { prefersOctetStream } from '../../src/executions/binary-answer';

const cases: [string | undefined, boolean][] = [
  [undefined, false],
  ['*/*', false],
  ['application/json', false],
  ['application/octet-stream', true],
  ['application/json;q=0.5, application/octet-stream', true],
  ['application/octet-stream;q=0.5, application/json', false],
  ['application/json;q=0, */*', true],
  ['text/html', false],
];

describe('prefersOctetStream', () => {
  it('negotiates raw stdout only when Accept prefers it (a tie or no Accept: JSON), asked once or many times', () => {
    for (let round = 0; round < 3; round++) for (const [accept, expected] of cases) expect([accept, prefersOctetStream(accept)]).toEqual([accept, expected]);
  });

  it('gives the same answers once more distinct Accept values were seen than it keeps', () => {
    for (let i = 0; i < 200; i++) expect(prefersOctetStream(`application/x-${i}, application/octet-stream;q=0.${(i % 9) + 1}`)).toBe(true);
    for (const [accept, expected] of cases) expect(prefersOctetStream(accept)).toBe(expected);
  });
});

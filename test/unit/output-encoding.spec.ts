import { encodeOutput } from '../../src/executions/execution-response';
import { storedResult } from '../../src/executions/kept-result';
import type { SandboxResult } from '../../src/sandbox/sandbox.types';

describe('output encoding', () => {
  const text = Buffer.from('héllo wörld ✓ 𝄞');

  it('keeps UTF-8 as text and anything else as base64, unless base64 is asked for', () => {
    expect(encodeOutput(text, undefined)).toEqual({ text: 'héllo wörld ✓ 𝄞', encoding: 'utf8' });
    expect(encodeOutput(text, 'base64')).toEqual({ text: text.toString('base64'), encoding: 'base64' });
    const binary = Buffer.from([0x41, 0xff, 0x42]);
    expect(encodeOutput(binary, undefined, true)).toEqual({ text: binary.toString('base64'), encoding: 'base64' });
  });

  it('keeps output cut inside a character as text without that character', () => {
    for (const [character, expected] of [['✓', 'ok '], ['𝄞', 'ok '], ['é', 'ok ']] as const) {
      const whole = Buffer.from(`ok ${character}`);
      for (let cut = 1; cut < Buffer.byteLength(character); cut++) {
        const bytes = whole.subarray(0, whole.length - cut);
        expect(encodeOutput(bytes, undefined, true)).toEqual({ text: expected, encoding: 'utf8' });
        expect(encodeOutput(bytes, undefined, false).encoding).toBe('base64');
      }
    }
  });

  it('still sends base64 when the bytes before the cut are not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from([0xff]), Buffer.from('✓').subarray(0, 2)]);
    expect(encodeOutput(bytes, undefined, true).encoding).toBe('base64');
    const overlong = Buffer.from([0x41, 0xe2, 0x9c, 0x93, 0x93]);
    expect(encodeOutput(overlong, undefined, true).encoding).toBe('base64');
  });

  it('keeps text as text when the kept result cuts it inside a character', () => {
    const result = { stdout: Buffer.from('ab✓'), stderr: Buffer.alloc(0), stdoutTruncated: false, stderrTruncated: false, files: [], filesOmitted: [] } as unknown as SandboxResult;
    expect(storedResult(result, undefined, 4)).toMatchObject({ stdout: 'ab', stdoutEncoding: 'utf8', resultTruncated: true });
  });
});

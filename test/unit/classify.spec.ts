import { classifyError, classifyExit } from '../../workers/classify';
import { FilesLimitExceeded } from '../../workers/file-budget';

/** memory_limit_exceeded is exact: a refused grow, or the guest's files passing the cap; nothing else. */
const REFUSED = { refusedGrow: 'its memory could not grow past the limit of 65536 bytes' };
const NONE = { refusedGrow: null };

describe('classify', () => {
  it('a trap after a refused grow is memory_limit_exceeded, any other trap a trap', () => {
    expect(classifyError(new WebAssembly.RuntimeError('unreachable'), REFUSED).status).toBe('memory_limit_exceeded');
    expect(classifyError(new WebAssembly.RuntimeError('unreachable'), NONE)).toEqual({ status: 'trap', exitCode: null, error: 'unreachable' });
  });

  it('a failing exit after a refused grow is memory_limit_exceeded; a recovering one a success', () => {
    expect(classifyExit(1, REFUSED).status).toBe('memory_limit_exceeded');
    expect(classifyExit(0, REFUSED).status).toBe('success');
    expect(classifyExit(1, NONE).status).toBe('exit_error');
  });

  it('the file budget stop is memory_limit_exceeded', () => {
    expect(classifyError(new FilesLimitExceeded(65536), NONE).status).toBe('memory_limit_exceeded');
  });

  it('V8 failing to allocate, with no grow refused, is not memory_limit_exceeded', () => {
    const failure = new RangeError('WebAssembly.Instance(): Out of memory: Cannot allocate Wasm memory for new instance');
    expect(classifyError(failure, NONE).status).toBe('internal_error');
  });
});

import { execFileSync } from 'node:child_process';
import { loadConfig } from '../../src/config/app-config';
import { ConfigError } from '../../src/config/units';
import { compiledFile } from '../../src/common/paths';

const PROBE = compiledFile('test', 'support', 'heap-growth-probe');
/**
 * V8 on its own grows the heap by a factor it derives from how fast its collector runs next to
 * the program. With its helper threads that ratio follows the machine's load (a starved marking
 * thread made the heap grow less, and the comparison fail); with every collection on the main
 * thread, a busy machine slows both sides alike and the ratio is the workload's own.
 */
const largestHeapMiB = (percent: number) =>
  Number(execFileSync(process.execPath, ['--single-threaded-gc', PROBE, String(percent)], { encoding: 'utf8' }).trim());

describe('heap growth', () => {
  it('keeps a garbage-heavy heap far smaller than V8 on its own does', () => {
    const ownFactor = largestHeapMiB(0);
    const tuned = largestHeapMiB(30);
    // About 64 MiB stays alive: V8 on its own let the heap reach 741 MiB here, 30 % about 290.
    expect(tuned).toBeLessThan(ownFactor * 0.6);
    expect(tuned).toBeGreaterThan(64);
  });

  it('is 30 % unless HEAP_GROWTH_PERCENT says otherwise, and 0 keeps V8 own factor', () => {
    expect(loadConfig({}).heapGrowthPercent).toBe(30);
    expect(loadConfig({ HEAP_GROWTH_PERCENT: '0' }).heapGrowthPercent).toBe(0);
    expect(() => loadConfig({ HEAP_GROWTH_PERCENT: '301' })).toThrow(ConfigError);
    expect(() => loadConfig({ HEAP_GROWTH_PERCENT: 'lots' })).toThrow(/HEAP_GROWTH_PERCENT/);
  });
});

import type { FidelityCase } from './cases';
import type { NodeWasiOutcome } from './node-wasi';

/** A run here, from whichever side ran it (in process or through the API). */
export interface RunResult {
  status: string;
  exitCode: number | null;
  stdout: Buffer;
  stderr: Buffer;
  error: string | null;
}

/** What a run compares by: bytes as latin1 text, so a difference shows (and any byte survives). */
export interface Comparable {
  status: string;
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export function comparable(result: RunResult): Comparable {
  return { status: result.status, exitCode: result.exitCode, stdout: result.stdout.toString('latin1'), stderr: result.stderr.toString('latin1') };
}

/**
 * What the service must answer for a case, from node:wasi's answer: the same stdout, stderr and
 * exit code; output past `outputCap` cut there (a flood writes one stream only) with
 * output_limit_exceeded; for a case that throws, a trap after the same stdout.
 */
export function expectedFromNodeWasi(test: FidelityCase, node: NodeWasiOutcome, outputCap: number): Comparable {
  if (test.trap) return { status: 'trap', exitCode: null, stdout: node.stdout.toString('latin1'), stderr: '' };
  if (node.stdout.length + node.stderr.length > outputCap) {
    if (node.stdout.length > 0 && node.stderr.length > 0) throw new Error(`${test.name}: a flood must write one stream only`);
    return {
      status: 'output_limit_exceeded',
      exitCode: null,
      stdout: node.stdout.subarray(0, outputCap).toString('latin1'),
      stderr: node.stderr.subarray(0, outputCap).toString('latin1'),
    };
  }
  return {
    status: node.exitCode === 0 ? 'success' : 'exit_error',
    exitCode: node.exitCode,
    stdout: node.stdout.toString('latin1'),
    stderr: node.stderr.toString('latin1'),
  };
}

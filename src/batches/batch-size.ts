import type { KeyPrincipal } from '../access/principal';
import { problem } from '../http/problem';

/**
 * The executions a batch takes from the day, one per run: read by the quota guard from the parsed
 * body, so an empty or oversized batch is refused before anything is charged. A body whose `runs`
 * is not an array is left to the validation pipe (one execution, as any invalid request).
 */
export function executionsOfBatch(body: unknown, principal: KeyPrincipal): number {
  const runs = (body as { runs?: unknown } | null)?.runs;
  if (!Array.isArray(runs)) return 1;
  if (runs.length === 0) throw problem('batch_empty', 'The batch has no `runs`: give at least one', { field: 'runs' });
  const allowed = principal.tier.maxBatchRuns;
  if (runs.length > allowed) {
    throw problem(
      'batch_too_large',
      `The batch has ${runs.length} runs; the ${principal.tier.name} tier's maxBatchRuns is ${allowed}`,
      { field: 'runs', limit: 'maxBatchRuns', allowed, runs: runs.length, limitSource: 'tier', tier: principal.tier.name },
    );
  }
  return runs.length;
}

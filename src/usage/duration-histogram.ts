import { SANDBOX_STATUSES } from '../common/execution-statuses';

/**
 * Log-scale histogram of durations: bin i holds (BASE·RATIO^i, BASE·RATIO^(i+1)] ms. Postgres
 * counts rows per bin in the same scan as everything else, so usage needs no sort of a million
 * durations; a percentile read from it is within half a bin (±2.5 %) of the exact value.
 */
export const HISTOGRAM_BASE_MS = 0.001;
export const HISTOGRAM_RATIO = 1.05;

const SANDBOX_STATUS_LIST = SANDBOX_STATUSES.map((status) => `'${status}'`).join(', ');

/** The SQL expression giving a row's bin (-1 for rows without a duration: those that never ran in the sandbox). */
export const BIN_SQL = `CASE WHEN status NOT IN (${SANDBOX_STATUS_LIST}) THEN -1
  ELSE floor(ln(greatest(duration_ms, ${HISTOGRAM_BASE_MS}) / ${HISTOGRAM_BASE_MS}) / ln(${HISTOGRAM_RATIO}))::int END`;

export class DurationHistogram {
  private readonly counts = new Map<number, number>();
  private total = 0;

  add(bin: number, count: number): void {
    if (bin < 0) return;
    this.counts.set(bin, (this.counts.get(bin) ?? 0) + count);
    this.total += count;
  }

  /** The q-quantile (0 < q ≤ 1), as the geometric middle of its bin; null when empty. */
  quantile(q: number): number | null {
    if (this.total === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (const bin of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(bin)!;
      if (seen >= rank) return HISTOGRAM_BASE_MS * HISTOGRAM_RATIO ** (bin + 0.5);
    }
    return null;
  }
}

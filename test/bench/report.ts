export interface BenchReport {
  date: string;
  machine: { cpus: number; node: string; redis: boolean; workerThreads: number };
  raw: { rps: number };
  baseline: { rps: number };
  execute: { rps: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number };
  guardOverhead: { p50Ms: number; p99Ms: number; bareP50Ms: number; guardedP50Ms: number; bareP99Ms: number; guardedP99Ms: number };
  coldMs: number;
  warmMs: number;
  /** The large module uploaded again one-shot: the cache spares the compile, not the upload. */
  warmUploadMs: number;
  largeModuleBytes: number;
  rssPeakBytes: number;
  threads: Record<string, number>;
  stdin: { bytes: number; p50Ms: number; p99Ms: number }[];
  durationSeconds: number;
}

const MIB = 1024 * 1024;

/** The targets of the benchmark issue, each with whether this run met it. */
export function verdicts(report: BenchReport): { target: string; value: string; met: boolean }[] {
  return [
    { target: 'execute.rps >= 70% of baseline.rps', value: `${Math.round((100 * report.execute.rps) / report.baseline.rps)} %`, met: report.execute.rps >= 0.7 * report.baseline.rps },
    { target: 'guard p99 <= 2 ms', value: `${report.guardOverhead.p99Ms} ms`, met: report.guardOverhead.p99Ms <= 2 },
    { target: 'warmMs <= 0.2 x coldMs', value: `${(report.warmMs / report.coldMs).toFixed(2)} x`, met: report.warmMs <= 0.2 * report.coldMs },
    { target: 'rssPeakBytes <= 400 MiB', value: `${(report.rssPeakBytes / MIB).toFixed(0)} MiB`, met: report.rssPeakBytes <= 400 * MIB },
  ];
}

export function printReport(report: BenchReport): void {
  const rows: [string, string][] = [
    ['raw.rps (in-process, 1 thread)', String(report.raw.rps)],
    ['baseline.rps (worker pool)', String(report.baseline.rps)],
    ['execute.rps (HTTP, key, quota, usage)', String(report.execute.rps)],
    ['execute.p50Ms / p99Ms', `${report.execute.p50Ms} / ${report.execute.p99Ms}`],
    ['guardOverhead.p50Ms / p99Ms', `${report.guardOverhead.p50Ms} / ${report.guardOverhead.p99Ms}`],
    [`coldMs / warmMs (${(report.largeModuleBytes / MIB).toFixed(1)} MiB module)`, `${report.coldMs} / ${report.warmMs}`],
    ['large module uploaded again (one-shot), ms', String(report.warmUploadMs)],
    ['rssPeakBytes', `${report.rssPeakBytes} (${(report.rssPeakBytes / MIB).toFixed(0)} MiB)`],
    ...Object.entries(report.threads).map(([threads, rps]): [string, string] => [`pool rps at ${threads} thread(s)`, String(rps)]),
    ...report.stdin.map((point): [string, string] => [`execute with ${point.bytes / 1024} KiB stdin p50 / p99 ms`, `${point.p50Ms} / ${point.p99Ms}`]),
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);
  console.log('');
  for (const verdict of verdicts(report)) console.log(`${verdict.met ? 'met    ' : 'MISSED '} ${verdict.target}: ${verdict.value}`);
  console.log(`(${report.durationSeconds} s)`);
}

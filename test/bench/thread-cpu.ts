import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU seconds each thread of a process has used so far (Linux /proc), by thread id. */
export function threadCpuSeconds(pid: number): Map<number, number> {
  const threads = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threads.set(Number(tid), (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return threads;
}

/** CPU per operation in microseconds: the process's main thread and all its other threads. */
export interface CpuPerOperation {
  mainUs: number;
  otherThreadsUs: number;
}

/** Runs `work` (which returns how many operations it did) and splits the CPU the process used. */
export async function cpuPerOperation<T>(pid: number, work: () => Promise<T>, operations: (result: T) => number): Promise<{ result: T; cpu: CpuPerOperation }> {
  const before = threadCpuSeconds(pid);
  const result = await work();
  const after = threadCpuSeconds(pid);
  let main = 0;
  let others = 0;
  for (const [tid, seconds] of after) {
    const used = seconds - (before.get(tid) ?? 0);
    if (tid === pid) main += used;
    else others += used;
  }
  const count = Math.max(1, operations(result));
  return { result, cpu: { mainUs: Math.round((main * 1e6) / count), otherThreadsUs: Math.round((others * 1e6) / count) } };
}

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

/**
 * Busy CPU seconds of the whole machine so far (/proc/stat: user, nice, system, irq and softirq of
 * every core): what every process used, the load generator, Redis, Postgres and the kernel's
 * network stack included. Time stolen by the hypervisor is not counted.
 */
export function machineBusySeconds(): number {
  const [user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq) / TICKS_PER_SECOND;
}

/**
 * CPU per operation in microseconds: the process's main thread, all its other threads, and the
 * whole machine (every process and the kernel).
 */
export interface CpuPerOperation {
  mainUs: number;
  otherThreadsUs: number;
  machineUs: number;
}

/** Runs `work` (which returns how many operations it did) and splits the CPU the process used. */
export async function cpuPerOperation<T>(pid: number, work: () => Promise<T>, operations: (result: T) => number): Promise<{ result: T; cpu: CpuPerOperation }> {
  const before = threadCpuSeconds(pid);
  const machineBefore = machineBusySeconds();
  const result = await work();
  const machine = machineBusySeconds() - machineBefore;
  const after = threadCpuSeconds(pid);
  let main = 0;
  let others = 0;
  for (const [tid, seconds] of after) {
    const used = seconds - (before.get(tid) ?? 0);
    if (tid === pid) main += used;
    else others += used;
  }
  const count = Math.max(1, operations(result));
  const perOperation = (seconds: number) => Math.round((seconds * 1e6) / count);
  return { result, cpu: { mainUs: perOperation(main), otherThreadsUs: perOperation(others), machineUs: perOperation(machine) } };
}

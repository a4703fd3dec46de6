/**
 * pg-boss (as src/jobs uses it: workers woken on submit) against BullMQ, for the durable queue:
 * submit-to-start latency at idle (one job at a time) and per-job overhead (no-op jobs through
 * 8 concurrent workers). `node dist/test/bench/queue-compare.js`; needs the machine's PostgreSQL
 * and Redis on 127.0.0.1.
 */
import { Queue, Worker } from 'bullmq';
import PgBoss from 'pg-boss';
import { createTestDatabase } from '../support/test-database';

const IDLE_RUNS = 50;
const THROUGHPUT_JOBS = 1000;
const CONCURRENCY = 8;

const p50 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface Subject {
  name: string;
  send(data: object): Promise<void>;
  work(handler: (data: { sentAt: number }) => void): Promise<void>;
  close(): Promise<void>;
}

async function measure(subject: Subject): Promise<void> {
  let started: ((at: number) => void) | null = null;
  let done = 0;
  await subject.work(() => {
    done++;
    started?.(performance.now());
  });
  const latencies: number[] = [];
  for (let i = 0; i < IDLE_RUNS; i++) {
    const at = new Promise<number>((resolve) => (started = resolve));
    const sentAt = performance.now();
    await subject.send({ sentAt });
    latencies.push((await at) - sentAt);
  }
  started = null;
  const before = done;
  const begin = performance.now();
  await Promise.all(Array.from({ length: THROUGHPUT_JOBS }, () => subject.send({ sentAt: 0 })));
  while (done - before < THROUGHPUT_JOBS) await new Promise((resolve) => setTimeout(resolve, 5));
  const elapsed = performance.now() - begin;
  console.log(`${subject.name}: submit-to-start p50 ${p50(latencies).toFixed(1)} ms at idle; ${THROUGHPUT_JOBS} no-op jobs in ${elapsed.toFixed(0)} ms = ${(elapsed / THROUGHPUT_JOBS).toFixed(2)} ms/job`);
  await subject.close();
}

async function pgBoss(url: string): Promise<Subject> {
  const boss = new PgBoss({ connectionString: url, max: 10, supervise: false, schedule: false });
  await boss.start();
  await boss.createQueue('bench');
  const workers: string[] = [];
  return {
    name: 'pg-boss 10 (woken on submit)',
    send: async (data) => {
      await boss.send('bench', data);
      for (const id of workers) boss.notifyWorker(id);
    },
    work: async (handler) => {
      for (let i = 0; i < CONCURRENCY; i++) {
        // As JobQueue.work: a worker that had a job fetches again at once.
        const id: string = await boss.work<{ sentAt: number }>('bench', { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
          handler(job.data);
          boss.notifyWorker(id);
        });
        workers.push(id);
      }
    },
    close: () => boss.stop({ graceful: false, wait: true }),
  };
}

function bullmq(): Subject {
  const connection = { host: '127.0.0.1', port: 6379 };
  const queue = new Queue(`bench-${process.pid}`, { connection });
  let worker: Worker | undefined;
  return {
    name: 'BullMQ',
    send: async (data) => void (await queue.add('job', data, { removeOnComplete: true })),
    work: async (handler) => {
      worker = new Worker(queue.name, async (job) => handler(job.data), { connection, concurrency: CONCURRENCY });
      await worker.waitUntilReady();
    },
    close: async () => {
      await worker?.close();
      await queue.obliterate({ force: true });
      await queue.close();
    },
  };
}

async function main(): Promise<void> {
  const database = await createTestDatabase();
  try {
    await measure(await pgBoss(database.url));
    await measure(bullmq());
  } finally {
    await database.drop();
  }
}

void main();

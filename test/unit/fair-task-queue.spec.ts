import { queueOptionsSymbol } from 'piscina';
import { FairTaskQueue } from '../../src/sandbox/fair-task-queue';

type Task = Parameters<FairTaskQueue['push']>[0];

const task = (account: string, name: string) => ({ name, [queueOptionsSymbol]: { account } }) as unknown as Task;
const nameOf = (taken: Task | null) => (taken as unknown as { name: string } | null)?.name ?? null;

describe('FairTaskQueue', () => {
  /** Runs in the pool by account, as the pool counts them: waiting ones included. */
  let inPool: Map<string, number>;
  let queue: FairTaskQueue;

  const enqueue = (account: string, name: string) => {
    inPool.set(account, (inPool.get(account) ?? 0) + 1);
    queue.push(task(account, name));
  };

  beforeEach(() => {
    inPool = new Map();
    queue = new FairTaskQueue((account) => inPool.get(account) ?? 0);
  });

  it('gives the next thread to the waiting account with the fewest runs on threads', () => {
    inPool.set('heavy', 4); // four on threads
    for (let i = 1; i <= 3; i++) enqueue('heavy', `h${i}`);
    enqueue('light', 'l1');
    expect(nameOf(queue.shift())).toBe('l1');
    expect([nameOf(queue.shift()), nameOf(queue.shift()), nameOf(queue.shift())]).toEqual(['h1', 'h2', 'h3']);
    expect(queue.shift()).toBeNull();
    expect(queue.size).toBe(0);
  });

  it('takes accounts with as many runs on threads in turn, in the order they came', () => {
    for (const name of ['a1', 'a2', 'a3']) enqueue('a', name);
    for (const name of ['b1', 'b2']) enqueue('b', name);
    enqueue('c', 'c1');
    const taken: (string | null)[] = [];
    // A run taken from the queue is on a thread until the test says otherwise.
    while (queue.size > 0) taken.push(nameOf(queue.shift()));
    expect(taken).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
  });

  it('puts a task that found no thread back at the head of its line, its account first', () => {
    enqueue('a', 'a1');
    enqueue('a', 'a2');
    enqueue('b', 'b1');
    const first = queue.shift()!;
    queue.unshift(first);
    expect(queue.size).toBe(3);
    expect(nameOf(queue.shift())).toBe('a1');
  });

  it('removes a task wherever it waits', () => {
    const gone = task('a', 'a2');
    enqueue('a', 'a1');
    inPool.set('a', 2);
    queue.push(gone);
    enqueue('b', 'b1');
    queue.remove(gone);
    inPool.set('a', 1); // as the pool counts once the removed run is over
    expect(queue.size).toBe(2);
    expect([nameOf(queue.shift()), nameOf(queue.shift()), queue.shift()]).toEqual(['a1', 'b1', null]);
  });
});

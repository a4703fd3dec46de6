import { ProblemException } from '../http/problem';

export class PoolSaturatedException extends ProblemException {
  constructor(queued: number, retryAfterSeconds: number) {
    super(
      'capacity_exhausted',
      `All sandbox workers are busy and ${queued} executions are already queued; retry in ${retryAfterSeconds} s`,
      { retryAfterSeconds },
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }
}

/** A run whose signal was aborted: its sandbox was stopped before it ended, and it has no result. */
export class RunCancelledError extends Error {
  constructor() {
    super('the run was cancelled and its sandbox stopped');
    this.name = 'RunCancelledError';
  }
}

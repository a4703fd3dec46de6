/** Why a batch ended `failed`, as its `error` tells its owner (GET /api/v1/batches/{id}, its webhook, a waited answer). */
export const BATCH_FAILURES = {
  suspended: 'the account was suspended before every run of the batch had started',
  notRunnable: (detail: string) => `the batch's runs could not start: ${detail}`,
  lost: (attempts: number) => `the batch's executor stopped during each of its ${attempts} attempts`,
  internal: "an internal error stopped the batch's runs",
  unrecorded: "the batch's runs ended, but its end could not be written",
} as const;

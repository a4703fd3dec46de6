import { problem, ProblemException } from '../http/problem';
import { QuotaDecision, rateLimitHeaders, retryAfterSeconds, WindowPolicy } from './quota-policy';

const DETAILS: Record<WindowPolicy, (decision: QuotaDecision, executions: number) => { detail: string; limit: number; windowSeconds: number | null }> = {
  minute: (d) => ({ detail: `The account's limit of ${d.minute.limit} requests per minute is used up`, limit: d.minute.limit, windowSeconds: 60 }),
  day: (d, executions) => ({
    detail:
      executions === 1
        ? `The account's limit of ${d.day.limit} executions per day (UTC) is used up`
        : `The account has ${d.day.remaining} of its ${d.day.limit} executions per day (UTC) left and the request needs ${executions}; none were taken`,
    limit: d.day.limit,
    windowSeconds: 86400,
  }),
  concurrency: (d) => ({
    detail: `The account already has ${d.concurrency.inFlight} executions running; its limit is ${d.concurrency.limit} at a time`,
    limit: d.concurrency.limit,
    windowSeconds: null,
  }),
};

/** 429 naming the violated policy, with Retry-After and the rate-limit headers; `executions` is what the request asked for. */
export function rateLimited(decision: QuotaDecision, executions = 1): ProblemException {
  const policy = decision.denied!;
  const { detail, limit, windowSeconds } = DETAILS[policy](decision, executions);
  const retryAfter = retryAfterSeconds(decision);
  return problem(
    'rate_limited',
    `${detail}; retry in ${retryAfter} s`,
    { policy, limit, windowSeconds, retryAfterSeconds: retryAfter, executions },
    { ...rateLimitHeaders(decision), 'Retry-After': String(retryAfter) },
  );
}

export function authRateLimited(retryAfterMs: number, perMinute: number): ProblemException {
  const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return problem(
    'rate_limited',
    `Too many failed authentications from this address (limit ${perMinute} per minute); retry in ${retryAfter} s`,
    { policy: 'auth', limit: perMinute, windowSeconds: 60, retryAfterSeconds: retryAfter },
    { 'Retry-After': String(retryAfter) },
  );
}

/** 429 for a module upload while the account has `limit` in progress and `waiting` more (on this instance); its body is read and dropped, so the client sees the answer. */
export function uploadsRateLimited(limit: number, waiting: number): ProblemException {
  return problem(
    'rate_limited',
    `The account already has ${limit} module uploads in progress, its limit at a time, and ${waiting} more waiting for their turn; retry in 1 s`,
    { policy: 'uploads', limit, windowSeconds: null, retryAfterSeconds: 1 },
    { 'Retry-After': '1' },
  );
}

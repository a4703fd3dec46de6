import { checkAnswer } from '../support/contract';

const URL_BASE = 'http://127.0.0.1:9';
const tier = {
  name: 'free',
  requestsPerMinute: 10,
  executionsPerDay: 100,
  maxConcurrency: 1,
  maxStoredResultBytes: 1,
  maxBatchRuns: 1,
  maxStoredModuleBytes: 1,
  configured: { maxModuleBytes: 1, maxInputBytes: 1, timeoutMs: 1, memoryLimitBytes: 1, maxOutputBytes: 1 },
  effective: { maxModuleBytes: 1, maxInputBytes: 1, timeoutMs: 1, memoryLimitBytes: 1, maxOutputBytes: 1 },
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const problem = (status: number, code: string) => ({ type: 'https://wasmwiz.dev/problems/x', title: 'T', status, code, detail: 'd' });
const answer = (method: string, path: string, status: number, body: unknown, contentType = 'application/json; charset=utf-8') => ({
  method,
  url: `${URL_BASE}${path}`,
  status,
  contentType,
  body: body === undefined ? '' : JSON.stringify(body),
});

/** The checks every e2e request goes through: each must refuse what the document does not allow. */
describe('the contract helper', () => {
  it('takes an answer the document describes', async () => {
    await expect(checkAnswer(answer('GET', '/api/v1/tiers', 200, [tier]))).resolves.toBeUndefined();
    await expect(checkAnswer(answer('DELETE', `/api/v1/modules/${'0'.repeat(8)}-0000-0000-0000-000000000000`, 204, undefined, ''))).resolves.toBeUndefined();
  });

  it('refuses a field the schema does not describe, a missing field and a wrong type', async () => {
    await expect(checkAnswer(answer('GET', '/api/v1/tiers', 200, [{ ...tier, surprise: 1 }]))).rejects.toThrow(/must NOT have additional properties/);
    await expect(checkAnswer(answer('GET', '/api/v1/tiers', 200, [{ ...tier, effective: { ...tier.effective, extra: 2 } }]))).rejects.toThrow(/additional/);
    const { name: _name, ...nameless } = tier;
    await expect(checkAnswer(answer('GET', '/api/v1/tiers', 200, [nameless]))).rejects.toThrow(/name/);
    await expect(checkAnswer(answer('GET', '/api/v1/tiers', 200, [{ ...tier, updatedAt: 'yesterday' }]))).rejects.toThrow(/date-time/);
  });

  it('refuses a status, a media type or a problem code the route does not list', async () => {
    await expect(checkAnswer(answer('GET', '/api/v1/tiers', 404, problem(404, 'not_found'), 'application/problem+json'))).rejects.toThrow(/does not list/);
    await expect(checkAnswer(answer('GET', '/api/v1/tiers', 200, [tier], 'text/plain'))).rejects.toThrow(/text\/plain/);
    await expect(checkAnswer(answer('GET', '/api/v1/me', 401, problem(401, 'unauthorized'), 'application/problem+json'))).resolves.toBeUndefined();
    await expect(checkAnswer(answer('GET', '/api/v1/me', 409, problem(409, 'key_retired'), 'application/problem+json'))).rejects.toThrow(/does not list/);
    await expect(checkAnswer(answer('GET', '/api/v1/me', 400, problem(400, 'invalid_cursor'), 'application/problem+json'))).rejects.toThrow(/must be equal to one of the allowed values/);
    await expect(checkAnswer(answer('GET', '/api/v1/modules', 400, problem(400, 'invalid_range'), 'application/problem+json'))).rejects.toThrow(/allowed values/);
    await expect(checkAnswer(answer('GET', '/api/v1/modules', 400, { ...problem(400, 'invalid_cursor'), surprise: true }, 'application/problem+json'))).rejects.toThrow(/additional/);
  });

  it('refuses an API route the document does not describe, unless its answer is a problem', async () => {
    await expect(checkAnswer(answer('GET', '/api/v1/nope', 200, {}))).rejects.toThrow(/does not describe/);
    await expect(checkAnswer(answer('GET', '/api/v1/nope', 404, problem(404, 'not_found'), 'application/problem+json'))).resolves.toBeUndefined();
    await expect(checkAnswer(answer('GET', '/metrics', 200, 'text'))).resolves.toBeUndefined();
  });
});

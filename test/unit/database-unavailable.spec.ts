import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable, readOrKnown } from '../../src/database/database-unavailable';
import { notFound } from '../../src/http/problem';

/** An error as Node's sockets and pg make them: a message and some of code, syscall. */
function failure(message: string, fields: { code?: string; syscall?: string } = {}): Error {
  return Object.assign(new Error(message), fields);
}

describe('telling a database that cannot be reached from other errors', () => {
  it.each([
    ['a refused connection', failure('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED', syscall: 'connect' })],
    ['an unknown host', failure('getaddrinfo ENOTFOUND db', { code: 'ENOTFOUND', syscall: 'getaddrinfo' })],
    ['a connection reset while it starts', failure('read ECONNRESET', { code: 'ECONNRESET', syscall: 'read' })],
    ["a reset from another realm's socket", { message: 'read ECONNRESET', code: 'ECONNRESET', syscall: 'read' }],
    ['a connection that ended under a query', new QueryFailedError('SELECT 1', [], failure('Connection terminated unexpectedly'))],
    ['a reset under a query', new QueryFailedError('SELECT 1', [], failure('read ECONNRESET', { code: 'ECONNRESET' }))],
    ["pg-pool's connection timeout", failure('timeout exceeded when trying to connect')],
    ['a server shutting down', failure('terminating connection due to administrator command', { code: '57P01' })],
    ['a server starting up', failure('the database system is starting up', { code: '57P03' })],
    ['a full server', failure('sorry, too many clients already', { code: '53300' })],
    ['a connection failure', failure('connection failure', { code: '08006' })],
  ])('%s is one', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a client's hang-up", failure('aborted', { code: 'ECONNRESET' })],
    ['a unique violation', new QueryFailedError('INSERT', [], failure('duplicate key value', { code: '23505' }))],
    ['a syntax error', new QueryFailedError('SELEC', [], failure('syntax error', { code: '42601' }))],
    ['a problem', notFound('Module', 'x')],
    ['no error at all', 'Connection terminated unexpectedly'],
  ])('%s is not', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('reading what may be known already', () => {
  const unreachable = () => Promise.reject(failure('Connection terminated unexpectedly'));

  it('reads when the database answers, and falls back to what is known only when it cannot be reached', async () => {
    expect(await readOrKnown(() => Promise.resolve('fresh'), 'known')).toBe('fresh');
    expect(await readOrKnown(unreachable, 'known')).toBe('known');
    await expect(readOrKnown(unreachable, undefined)).rejects.toThrow('Connection terminated unexpectedly');
    await expect(readOrKnown(() => Promise.reject(notFound('Module', 'x')), 'known')).rejects.toThrow('Module x does not exist');
  });
});

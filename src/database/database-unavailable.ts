import { QueryFailedError } from 'typeorm';
import { problem, ProblemException } from '../http/problem';

/** A new connection is made as soon as a request needs one, so the database is usable again within moments. */
const RETRY_AFTER_SECONDS = 5;

/** A socket that could not reach the server (when connecting) or lost it (under a query). */
const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** A server that is going away or takes no connection: class 08 (connection exception), shutting down, starting up, full. */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
/** What pg and pg-pool say, with no code, when a connection ends or cannot be made in time. */
const CONNECTION_LOST = /^Connection terminated|^timeout exceeded when trying to connect|is not queryable/;

/**
 * True for an error that says the database cannot be reached now, not that a statement was wrong.
 * Socket codes count only from a socket's own call (connect, read, write) or under a query, so a
 * client's hang-up (ECONNRESET on the request, with no syscall) is never taken for one. Read by
 * shape: the errors of Node's own sockets need not be instances of this realm's Error.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { message, code, syscall } = error as { message?: unknown; code?: unknown; syscall?: unknown };
  if (typeof message === 'string' && CONNECTION_LOST.test(message)) return true;
  if (typeof code !== 'string') return false;
  if (UNAVAILABLE_SQLSTATE.test(code)) return true;
  return (error instanceof QueryFailedError || typeof syscall === 'string') && SOCKET_ERRORS.has(code);
}

export function databaseUnavailable(): ProblemException {
  return problem(
    'database_unavailable',
    'The database cannot be reached at the moment; try again shortly',
    {},
    { 'retry-after': String(RETRY_AFTER_SECONDS) },
  );
}

/**
 * `read()`, or `known` when the database cannot be reached: what was read before stays usable
 * through an outage, since it can change only through the database. It is read again as soon as
 * the database answers.
 */
export async function readOrKnown<T>(read: () => Promise<T>, known: T | undefined): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (known === undefined || !isDatabaseUnavailable(error)) throw error;
    return known;
  }
}

import type { IncomingHttpHeaders } from 'node:http';

/** The body's media type as its Content-Type names it (no parameters, lower case); undefined without one. */
export const mediaTypeOf = (headers: IncomingHttpHeaders): string | undefined => headers['content-type']?.split(';')[0].trim().toLowerCase();

/** Whether the request carries a body at all (a GET with a stray Content-Type or Content-Encoding has none to refuse). */
export const hasBody = (headers: IncomingHttpHeaders): boolean =>
  headers['transfer-encoding'] !== undefined || (headers['content-length'] !== undefined && headers['content-length'] !== '0');

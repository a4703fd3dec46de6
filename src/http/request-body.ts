import type { IncomingHttpHeaders } from 'node:http';

/** Whether the request carries a body at all (a GET with a stray Content-Type or Content-Encoding has none to refuse). */
export const hasBody = (headers: IncomingHttpHeaders): boolean =>
  headers['transfer-encoding'] !== undefined || (headers['content-length'] !== undefined && headers['content-length'] !== '0');

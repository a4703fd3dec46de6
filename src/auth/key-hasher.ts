import { createHmac } from 'node:crypto';

/** HMAC-SHA256 of a key under the server secret: what is stored and looked up instead of the key. */
export function hashKey(apiSalt: string, key: string): string {
  return createHmac('sha256', apiSalt).update(key).digest('hex');
}

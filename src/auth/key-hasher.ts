import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 of a key under the server secret: what is stored and looked up instead of the key. */
export function hashKey(apiSalt: string, key: string): string {
  return createHmac('sha256', apiSalt).update(key).digest('hex');
}

/** Constant-time comparison of two secrets of any length. */
export function secretsEqual(a: string, b: string): boolean {
  const left = createHmac('sha256', 'compare').update(a).digest();
  const right = createHmac('sha256', 'compare').update(b).digest();
  return timingSafeEqual(left, right);
}

import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

export const KEY_PREFIX = 'ww_live_';
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 22 base62 characters carry 130.9 bits: above the 128 the design asks for. */
const RANDOM_CHARS = 22;
/** crc32 in base62 is at most 6 characters. */
const CHECKSUM_CHARS = 6;
const KEY_PATTERN = new RegExp(`^${KEY_PREFIX}([0-9A-Za-z]{${RANDOM_CHARS}})([0-9A-Za-z]{${CHECKSUM_CHARS}})$`);
/** How much of a key is kept in clear to tell keys apart in lists. */
const DISPLAY_CHARS = KEY_PREFIX.length + 6;

function toBase62(value: number, width: number): string {
  let out = '';
  for (let rest = value; out.length < width; rest = Math.floor(rest / 62)) out = ALPHABET[rest % 62] + out;
  return out;
}

function checksum(body: string): string {
  return toBase62(crc32(body), CHECKSUM_CHARS);
}

/** Random characters drawn without modulo bias: bytes ≥ 248 are thrown away. */
function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

export function generateKey(): string {
  const body = randomBase62(RANDOM_CHARS);
  return `${KEY_PREFIX}${body}${checksum(body)}`;
}

/** True when `key` has the right shape and checksum: a mistyped key fails here, before any lookup. */
export function isWellFormedKey(key: string): boolean {
  const match = KEY_PATTERN.exec(key);
  return match !== null && checksum(match[1]) === match[2];
}

export function displayPrefix(key: string): string {
  return key.slice(0, DISPLAY_CHARS);
}

/** About 1 % false positives at its capacity (10 bits and 7 probes per member). */
const BITS_PER_MEMBER = 10;
const PROBES = 7;
/** Hex digits per probe: a 32-bit slice of the hash. */
const PROBE_DIGITS = 8;
const MIN_BITS = 1 << 16;

/**
 * A Bloom filter of stored key hashes: "certainly not a key" without a database lookup, "maybe"
 * for about 1 % of everything else. The members are HMAC-SHA256 outputs, already uniform, so
 * each probe is a slice of the hash itself instead of another hash function.
 */
export class KeyHashFilter {
  private readonly bits: Uint32Array;
  private readonly size: number;

  constructor(capacity: number) {
    this.size = Math.max(MIN_BITS, Math.ceil(capacity * BITS_PER_MEMBER));
    this.bits = new Uint32Array(Math.ceil(this.size / 32));
  }

  add(keyHash: string): void {
    for (const bit of this.probes(keyHash)) this.bits[bit >>> 5] |= 1 << (bit & 31);
  }

  mightContain(keyHash: string): boolean {
    for (const bit of this.probes(keyHash)) if ((this.bits[bit >>> 5] & (1 << (bit & 31))) === 0) return false;
    return true;
  }

  private *probes(keyHash: string): Generator<number> {
    for (let i = 0; i < PROBES; i++) yield parseInt(keyHash.slice(i * PROBE_DIGITS, (i + 1) * PROBE_DIGITS), 16) % this.size;
  }
}

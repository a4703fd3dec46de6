/**
 * Bounds-checked cursor over a slice of the module (usually one section).
 * Every read past `end` becomes a WasmFormatError naming the context
 * (e.g. "import section") and the absolute byte offset in the module.
 */
import { WasmFormatError } from './errors';
import { readSigned, readUnsigned } from './leb128';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class Reader {
  constructor(
    readonly bytes: Uint8Array,
    public pos: number,
    readonly end: number,
    readonly context: string,
  ) {}

  fail(message: string, at: number = this.pos): never {
    throw new WasmFormatError(`${this.context}: ${message} at byte offset ${at}`);
  }

  get atEnd(): boolean {
    return this.pos >= this.end;
  }

  private need(n: number, what: string): void {
    if (n > this.end - this.pos) {
      this.fail(`unexpected end of data reading ${what} (need ${n} bytes, ${this.end - this.pos} left)`);
    }
  }

  u8(what = 'byte'): number {
    this.need(1, what);
    return this.bytes[this.pos++];
  }

  peek(what = 'byte'): number {
    this.need(1, what);
    return this.bytes[this.pos];
  }

  u32(): number {
    const r = readUnsigned(this.bytes, this.pos, this.end, 32, this.context);
    this.pos = r.next;
    return r.value;
  }

  u64(): number {
    const r = readUnsigned(this.bytes, this.pos, this.end, 64, this.context);
    this.pos = r.next;
    return r.value;
  }

  signed(bits: 32 | 33 | 64): number {
    const r = readSigned(this.bytes, this.pos, this.end, bits, this.context);
    this.pos = r.next;
    return r.value;
  }

  skip(n: number, what: string): void {
    this.need(n, what);
    this.pos += n;
  }

  /** A `name`: u32 byte length followed by UTF-8. */
  name(what = 'name'): string {
    const start = this.pos;
    const len = this.u32();
    this.need(len, what);
    const slice = this.bytes.subarray(this.pos, this.pos + len);
    this.pos += len;
    try {
      return utf8.decode(slice);
    } catch {
      return this.fail(`${what} is not valid UTF-8`, start);
    }
  }

  /** The content must be consumed exactly. */
  expectEnd(): void {
    if (this.pos !== this.end) {
      this.fail(`${this.end - this.pos} unexpected trailing byte(s) before end at ${this.end}`);
    }
  }
}

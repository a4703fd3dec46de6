/**
 * Errors raised by the WebAssembly binary inspector.
 *
 * Every problem with the *input bytes* surfaces as a WasmFormatError (never a
 * RangeError/TypeError from a typed-array access), so callers can map it to a
 * "400 bad module" response with a single `instanceof` check.
 */

/** The bytes are not a well-formed core WebAssembly module (message names what and the byte offset). */
export class WasmFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WasmFormatError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/**
 * A memory or table declares a minimum above the cap passed to `capModuleLimits`.
 * The module itself is well formed; it just cannot be run under these caps.
 * Subclass of WasmFormatError so a single catch handles both.
 */
export class WasmLimitError extends WasmFormatError {
  constructor(
    readonly kind: 'memory' | 'table',
    readonly index: number,
    readonly min: number,
    readonly cap: number,
  ) {
    super(
      `${kind} ${index} declares a minimum of ${min} ${kind === 'memory' ? 'pages' : 'elements'}, ` +
        `above the cap of ${cap}`,
    );
    this.name = 'WasmLimitError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

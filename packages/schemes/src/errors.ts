/** Stable machine-readable reasons an initializer call is rejected. */
export type InitErrorCode =
  | 'INVALID_ARGUMENT'
  | 'SHAPE_MISMATCH'
  | 'UNSUPPORTED'
  | 'NOT_FINITE'
  | 'TOO_LARGE';

/**
 * The one error class of `@init/schemes`. Every rejected input throws it with a stable `code`,
 * the name of the offending `argument`, and a message that states the allowed values.
 *
 * Codes: `INVALID_ARGUMENT` (a value outside its allowed set or range), `SHAPE_MISMATCH`
 * (a shape of the wrong rank, or an output buffer of the wrong length), `UNSUPPORTED`
 * (a well-formed request this package deliberately does not map, e.g. an unknown Keras class),
 * `NOT_FINITE` (NaN or an infinity where a finite number is required, or finite settings whose output
 * would overflow the dtype), `TOO_LARGE` (a shape with more elements than {@link MAX_ELEMENTS}).
 *
 * @example
 * ```ts
 * const error = (() => { try { calculateGain('swish'); } catch (e) { return e; } })();
 * [error instanceof InitError, error.code, error.argument]; // => [true, 'INVALID_ARGUMENT', 'nonlinearity']
 * ```
 */
export class InitError extends Error {
  /** Stable reason, safe to switch on. */
  readonly code: InitErrorCode;
  /** Name of the argument that was rejected (e.g. `'shape'`, `'mode'`, `'sparsity'`). */
  readonly argument: string;

  constructor(code: InitErrorCode, argument: string, message: string) {
    super(`${argument}: ${message}`);
    this.name = 'InitError';
    this.code = code;
    this.argument = argument;
  }
}

/** Throws `NOT_FINITE` / `INVALID_ARGUMENT` unless `value` is a finite number. */
export function requireFinite(value: unknown, argument: string): number {
  if (typeof value !== 'number') {
    throw new InitError('INVALID_ARGUMENT', argument, `must be a finite number, got ${describeValue(value)}`);
  }
  if (!Number.isFinite(value)) {
    throw new InitError('NOT_FINITE', argument, `must be a finite number, got ${String(value)}`);
  }
  return value;
}

/**
 * A short, safe rendering of any value for error messages. Never throws, also for objects without
 * a prototype, symbols, BigInts and proxies.
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'bigint':
      return `the BigInt ${value}n`;
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    case 'undefined':
      return 'undefined';
    default:
      if (value === null) return 'null';
      try {
        if (Array.isArray(value)) return `an array of length ${value.length}`;
        return Object.getPrototypeOf(value) === null ? 'an object without a prototype' : 'an object';
      } catch {
        return 'an object';
      }
  }
}

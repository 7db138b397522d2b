/**
 * Stable machine-readable codes carried by every {@link RngError}.
 *
 * - `INVALID_ARGUMENT`: a value is of the wrong type or outside its allowed range.
 * - `NOT_FINITE`: a number that must be finite is NaN or infinite.
 * - `UNSUPPORTED`: the request is valid in general but not for this generator (e.g. `offset` on a sequential one).
 * - `INVALID_STATE`: a state object passed to `createRng`/`fromState` is malformed.
 * - `TOO_LARGE`: a count above the package's limits (`MAX_ELEMENTS` elements, `MAX_SPLIT` children).
 *
 * @example
 * ```ts
 * const code: RngErrorCode = 'UNSUPPORTED';
 * ```
 */
export type RngErrorCode = 'INVALID_ARGUMENT' | 'NOT_FINITE' | 'UNSUPPORTED' | 'INVALID_STATE' | 'TOO_LARGE';

/**
 * The one error class thrown by `@init/rng` for bad input.
 *
 * Every instance carries a stable `code` and the name of the offending `argument`, and its message lists
 * the allowed values.
 *
 * @example
 * ```ts
 * try { createRng(Number.NaN); } catch (e) { if (e instanceof RngError) console.log(e.code, e.argument); }
 * // prints: NOT_FINITE seed
 * ```
 */
export class RngError extends Error {
  /** Stable machine-readable error code. */
  readonly code: RngErrorCode;
  /** Name of the argument that was rejected, e.g. `'seed'`, `'std'`, `'k'`. */
  readonly argument: string;

  /**
   * @param code - the stable error code
   * @param argument - the offending argument's name
   * @param message - human-readable text that states the allowed values
   */
  constructor(code: RngErrorCode, argument: string, message: string) {
    const name = text(argument);
    super(`${name}: ${text(message)}`);
    this.name = 'RngError';
    this.code = code;
    this.argument = name;
  }
}

/** A string for any value (symbols and prototype-less objects included), so constructing an error never throws. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return String(value);
  } catch {
    return 'object';
  }
}
